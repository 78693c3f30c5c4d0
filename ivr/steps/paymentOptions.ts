import type { AnswerName } from '../flowState'
import type { Turn } from '../turn'
import { type MenuChoice, menuStep } from './menu'
import { homeMenu } from './navigation'

// How to pay, one choice per way, each with where to send it and its fee: reached from the case menus and from
// general information, and star returns to whichever the caller came from.

const ways: ReadonlyArray<{ key: string; answer: AnswerName; label: string }> = [
  { key: '1', answer: 'payOnline', label: 'online' },
  { key: '2', answer: 'payMoneyGram', label: 'moneygram' },
  { key: '3', answer: 'payNearMe', label: 'paynearme' },
  { key: '4', answer: 'payByMail', label: 'mail' },
  { key: '5', answer: 'payPal', label: 'paypal' },
  { key: '6', answer: 'payWithholding', label: 'withholding' },
]

const cameFrom = (turn: Turn) => turn.flow.backTo ?? homeMenu(turn)

export const paymentOptions = menuStep({
  step: 'paymentOptions',
  intro: (turn) => [turn.t('ivr:paymentOptions.intro')],
  choices: (turn) =>
    ways.map<MenuChoice>((way) => ({
      key: way.key,
      label: turn.t(`ivr:paymentOptions.${way.label}`),
      phrases: `ivr:paymentOptions.${way.label}Phrases`,
      choose: (current) => current.tell(way.answer),
    })),
  back: () => ({ go: (c) => c.goTo(cameFrom(c)) }),
  fallback: (turn, lead) => turn.goTo(cameFrom(turn), [...lead, turn.t('ivr:fallback.toMenu')]),
})
