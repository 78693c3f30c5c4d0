import type { Turn } from '../turn'
import { menuStep } from './menu'
import { homeMenu } from './navigation'

// After an answer the caller hears only "1 to hear it again, 2 for the menu" instead of the whole menu once more:
// the answer is what they called for, and a long menu after it buries it. Star and "menu" lead back too.

function backToMenu(turn: Turn, lead: readonly string[] = []) {
  return turn.goTo(turn.flow.answeredIn ?? homeMenu(turn), lead)
}

export const afterAnswer = menuStep({
  step: 'afterAnswer',
  choices: (turn) => [
    { key: '1', label: turn.t('ivr:afterAnswer.again'), phrases: 'ivr:afterAnswer.againPhrases', choose: (c) => c.repeatAnswer() },
    { key: '2', label: turn.t('ivr:afterAnswer.menu'), phrases: 'ivr:afterAnswer.menuPhrases', choose: (c) => backToMenu(c) },
  ],
  offersPerson: false,
  back: () => ({ go: (c) => backToMenu(c), silent: true }),
  fallback: (turn, lead) => backToMenu(turn, [...lead, turn.t('ivr:fallback.toMenu')]),
})
