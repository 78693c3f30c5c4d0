import type { AnswerName } from '../flowState'
import { homeMenu } from './navigation'
import { type MenuChoice, menuStep, repeatChoice } from './menu'

// How to pay, one choice per way, each with its fee: reached from the case menu and from general information, and
// "go back" returns to whichever the caller came from.

const ways: ReadonlyArray<{ key: string; answer: AnswerName; label: string }> = [
  { key: '1', answer: 'payOnline', label: 'online' },
  { key: '2', answer: 'payMoneyGram', label: 'moneygram' },
  { key: '3', answer: 'payNearMe', label: 'paynearme' },
  { key: '4', answer: 'payByMail', label: 'mail' },
  { key: '5', answer: 'payPal', label: 'paypal' },
  { key: '6', answer: 'payWithholding', label: 'withholding' },
]

export const paymentOptions = menuStep({
  step: 'paymentOptions',
  intro: (turn) => [turn.t('ivr:paymentOptions.intro')],
  choices: (turn) => [
    ...ways.map<MenuChoice>((way) => ({
      key: way.key,
      label: turn.t(`ivr:paymentOptions.${way.label}`),
      phrases: `ivr:paymentOptions.${way.label}Phrases`,
      choose: (current) => current.tell(way.answer),
    })),
    repeatChoice(turn),
    { key: '*', label: turn.t('ivr:menu.back'), phrases: 'ivr:menu.backPhrases', choose: (c) => c.goTo(c.flow.backTo ?? homeMenu(c)) },
  ],
  fallback: (turn) => turn.goTo(turn.flow.backTo ?? homeMenu(turn)),
})
