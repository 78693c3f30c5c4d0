import { menuStep } from './menu'
import { goHome } from './navigation'

// After a request is filed: back to the menu, or goodbye. Silence here means the caller is done, and the line says
// goodbye rather than hanging up without a word.

export const anythingElse = menuStep({
  step: 'anythingElse',
  intro: (turn) => [turn.t('ivr:anythingElse.intro')],
  choices: (turn) => [
    { key: '1', label: turn.t('ivr:anythingElse.menu'), phrases: 'ivr:anythingElse.menuPhrases', choose: (c) => goHome(c) },
    { key: '2', label: turn.t('ivr:anythingElse.done'), phrases: 'ivr:anythingElse.donePhrases', choose: async (c) => c.end([c.t('ivr:goodbye')]) },
  ],
  offersPerson: false,
  back: () => ({ go: (c) => goHome(c), silent: true }),
  fallback: async (turn, lead) => turn.end([...lead, turn.t('ivr:fallback.goodbye')]),
})
