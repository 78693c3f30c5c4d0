import type { CallbackWindow } from '../../server/callbacks/serviceLevel'
import { type MenuChoice, menuStep } from './menu'
import { fallBackHome, goHome } from './navigation'

// When the caller would like the call: the same three windows the web offers; the queue turns the choice into a
// due time within the three business days the regulations allow.

const windows: ReadonlyArray<{ key: string; window: CallbackWindow }> = [
  { key: '1', window: 'asap' },
  { key: '2', window: 'morning' },
  { key: '3', window: 'afternoon' },
]

export const callbackWindow = menuStep({
  step: 'callbackWindow',
  intro: (turn) => [turn.t('ivr:callback.windowIntro')],
  choices: (turn) => [
    ...windows.map<MenuChoice>(({ key, window }) => ({
      key,
      label: turn.t(`ivr:callback.windows.${window}`),
      phrases: `ivr:callback.windows.${window}Phrases`,
      choose(current) {
        current.flow.callback.window = window
        return current.goTo('callbackTopic')
      },
    })),
  ],
  back: () => ({ go: (c) => goHome(c) }),
  fallback: (turn, lead) => fallBackHome(turn, lead, [turn.t('ivr:callback.notFiled')]),
})
