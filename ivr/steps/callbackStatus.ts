import type { ParentCallbackView } from '../../server/callbacks/callbackService'
import { oneByOne, spokenWhen } from '../spokenFormats'
import type { Answer, Turn } from '../turn'
import type { VoiceResponse } from '../voice'
import { menuStep } from './menu'
import { startCallback } from './navigation'

// A signed-in caller who asks for a call back and already has requests pending first hears where those stand (the
// same requests the portal lists), so they need not file a second one to find out; then they may still ask for
// another. Callers with nothing pending go straight to a new request, as before.

/** Requests read out in full; a long list on the phone is more than anyone can keep in mind. */
export const pendingRequestsSpoken = 3

async function pendingRequests(turn: Turn): Promise<ParentCallbackView[]> {
  const participantId = turn.flow.participantId
  if (participantId === null) return []
  const pending = await turn.services.callbacks.findOpenForParent(participantId)
  // The order the representatives' queue works them in: the one due first is the one the caller hears first.
  return pending.sort((a, b) => a.dueBy.getTime() - b.dueBy.getTime() || a.id - b.id)
}

function requestLines(turn: Turn, request: ParentCallbackView): string[] {
  const topic = turn.t(`ivr:callbackStatus.topics.${request.topic}`)
  const time = spokenWhen(request.dueBy, turn.now, turn.language, turn.t)
  return [
    turn.t(request.status === 'claimed' ? 'ivr:callbackStatus.working' : 'ivr:callbackStatus.waiting', { topic }),
    // A promise already past is not repeated as if it still held.
    turn.t(request.dueBy.getTime() > turn.now.getTime() ? 'ivr:callbackStatus.callBy' : 'ivr:callbackStatus.late', { time }),
    turn.t('ivr:callbackStatus.code', { code: oneByOne(request.confirmationCode) }),
  ]
}

/** The answer "pendingCallbacks": what the caller hears on arriving and again on "repeat". */
export const pendingCallbacks: Answer = async (turn) => {
  const pending = await pendingRequests(turn)
  // Reached by "repeat" after a representative closed the last one since the caller arrived.
  if (pending.length === 0) return [turn.t('ivr:callbackStatus.none')]
  const spoken = pending.slice(0, pendingRequestsSpoken)
  const more = pending.length - spoken.length
  return [
    turn.t('ivr:callbackStatus.intro', { count: pending.length }),
    ...spoken.flatMap((request) => requestLines(turn, request)),
    ...(more > 0 ? [turn.t('ivr:callbackStatus.more', { count: more })] : []),
  ]
}

/** "A call back" in the case menus: the status of pending requests first, when there are any; a new request otherwise. */
export async function askForCallback(turn: Turn): Promise<VoiceResponse> {
  const pending = await pendingRequests(turn)
  return pending.length > 0 ? turn.tellAt('callbackStatus', 'pendingCallbacks') : startCallback(turn)
}

export const callbackStatus = menuStep({
  step: 'callbackStatus',
  choices: (turn) => [
    { key: '1', label: turn.t('ivr:callbackStatus.another'), phrases: 'ivr:callbackStatus.anotherPhrases', choose: (c) => startCallback(c) },
    { key: '', label: '', phrases: 'ivr:callbackStatus.backPhrases', hidden: true, choose: (c) => c.goTo('mainMenu') },
  ],
  back: (turn) => ({ label: turn.t('ivr:callbackStatus.back'), go: (c) => c.goTo('mainMenu') }),
  fallback: (turn, lead) => turn.goTo('mainMenu', [...lead, turn.t('ivr:fallback.toMainMenu')]),
})
