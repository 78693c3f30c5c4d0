import { checkUsPhone } from '../../server/callbacks/callbackRequest'
import type { StepName } from '../flowState'
import type { Turn } from '../turn'
import type { VoiceResponse } from '../voice'

// Moves several menus share: back to the caller's own menu, and into a callback request.

/** The menu a caller returns to: their case menu once signed in with a case chosen, general information otherwise. */
export function homeMenu(turn: Turn): StepName {
  return turn.flow.participantId !== null && turn.flow.caseId !== null ? 'mainMenu' : 'generalMenu'
}

export function goHome(turn: Turn, lead: readonly string[] = []): Promise<VoiceResponse> {
  return turn.goTo(homeMenu(turn), lead)
}

/** The caller's own number when Twilio reports a callable US one; otherwise they key one in. */
export function usableCallerNumber(turn: Turn): string | null {
  if (!turn.callerNumber) return null
  const check = checkUsPhone(turn.callerNumber)
  return check.ok ? check.e164 : null
}

export function startCallback(turn: Turn, lead: readonly string[] = []): Promise<VoiceResponse> {
  turn.flow.callback = { phone: null, window: null }
  return turn.goTo(usableCallerNumber(turn) ? 'callbackNumber' : 'callbackOtherNumber', lead)
}

/** The second miss at a prompt: back to the caller's menu, saying so. */
export function fallBackHome(turn: Turn, lead: readonly string[], extra: readonly string[] = []): Promise<VoiceResponse> {
  return goHome(turn, [...lead, ...extra, turn.t('ivr:fallback.toMenu')])
}

/** The second miss at a menu where the caller seems stuck: a person, saying so first. */
export function fallBackToPerson(turn: Turn, lead: readonly string[]): Promise<VoiceResponse> {
  return turn.goTo('person', [...lead, turn.t('ivr:fallback.toPerson')])
}

/** The first time a caller reaches a menu, the commands every menu shares; once a call is enough. */
export function commandsTipOnce(turn: Turn): string[] {
  if (turn.flow.heardCommands) return []
  turn.flow.heardCommands = true
  return [turn.t('ivr:menu.commandsTip')]
}
