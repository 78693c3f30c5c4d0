import { menuStep } from './menu'
import { startCallback } from './navigation'

// After three wrong tries, or a locked account: no more guessing on this call, but a way forward. Star does not
// lead back to signing in.

export const cannotIdentify = menuStep({
  step: 'cannotIdentify',
  intro: (turn) => [turn.t('ivr:cannotIdentify.intro')],
  choices: (turn) => [
    { key: '1', label: turn.t('ivr:cannotIdentify.callback'), phrases: 'ivr:person.callbackPhrases', choose: (c) => startCallback(c) },
    { key: '2', label: turn.t('ivr:cannotIdentify.general'), phrases: 'ivr:cannotIdentify.generalPhrases', choose: (c) => c.goTo('generalMenu') },
  ],
  fallback: (turn, lead) => turn.goTo('generalMenu', [...lead, turn.t('ivr:fallback.toGeneral')]),
})
