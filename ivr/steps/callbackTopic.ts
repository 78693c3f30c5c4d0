import { CallbackValidationError, type CallbackTopic } from '../../server/callbacks/callbackRequest'
import { oneByOne, spokenWhen } from '../spokenFormats'
import type { Turn } from '../turn'
import type { VoiceResponse } from '../voice'
import { type MenuChoice, menuStep } from './menu'
import { fallBackHome, goHome } from './navigation'

// What the call is about, then the request goes into the same queue as the web's. The caller hears when to expect
// the call and a confirmation code, read one character at a time and then once more.

const topics: ReadonlyArray<{ key: string; topic: CallbackTopic }> = [
  { key: '1', topic: 'balance' },
  { key: '2', topic: 'payments' },
  { key: '3', topic: 'license' },
  { key: '4', topic: 'order_change' },
  { key: '5', topic: 'documents' },
  { key: '6', topic: 'court' },
  { key: '7', topic: 'other' },
]

async function fileRequest(turn: Turn, topic: CallbackTopic): Promise<VoiceResponse> {
  const { phone, window } = turn.flow.callback
  if (!phone || !window) return goHome(turn, [turn.t('ivr:callback.notFiled')])
  const participantId = turn.flow.participantId
  try {
    const { callback, existing } = await turn.services.callbacks.requestCallback({
      principal: participantId === null ? undefined : { kind: 'parent', participantId },
      participantId,
      caseId: participantId === null ? null : turn.flow.caseId,
      phone,
      language: turn.language,
      topic,
      preferredWindow: window,
      channel: 'phone',
      callSid: turn.callSid,
      // What the representative should know before calling back: what the line already told the caller.
      phoneContext: { path: turn.path.slice(-40), heard: turn.flow.heard.slice(-20), identified: participantId !== null },
    })
    turn.changes.outcome = 'callback_requested'
    turn.flow.callback = { phone: null, window: null }
    const code = oneByOne(callback.confirmationCode)
    return turn.goTo('anythingElse', [
      turn.t(existing ? 'ivr:callback.alreadyRequested' : 'ivr:callback.requested', {
        time: spokenWhen(callback.dueBy, turn.now, turn.language, turn.t),
      }),
      turn.t('ivr:callback.code', { code }),
      turn.t('ivr:callback.codeAgain', { code }),
    ])
  } catch (error) {
    if (!(error instanceof CallbackValidationError)) throw error
    return goHome(turn, [turn.t('ivr:callback.notFiled')])
  }
}

export const callbackTopic = menuStep({
  step: 'callbackTopic',
  intro: (turn) => [turn.t('ivr:callback.topicIntro')],
  choices: (turn) => [
    ...topics.map<MenuChoice>(({ key, topic }) => ({
      key,
      label: turn.t(`ivr:callback.topics.${topic}`),
      phrases: `ivr:callback.topics.${topic}Phrases`,
      choose: (current) => fileRequest(current, topic),
    })),
  ],
  back: () => ({ go: (c) => c.goTo('callbackWindow') }),
  fallback: (turn, lead) => fallBackHome(turn, lead, [turn.t('ivr:callback.notFiled')]),
})
