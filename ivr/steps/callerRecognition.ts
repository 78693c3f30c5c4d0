import type { Turn } from '../turn'
import type { VoiceResponse } from '../voice'

// A caller whose number belongs to exactly one parent who can sign in by phone is greeted in that parent's
// language and asked for the PIN only; the PIN still decides, and nothing about the parent or the case is said
// before it is right. A number nobody has, or two parents share, signs in with a PAR ID as before.

/** Looks the caller ID up (once a greeting) and, when it names one parent, takes their language for the call. */
export async function recognizeCaller(turn: Turn): Promise<boolean> {
  const owner = await turn.services.calls.recognizeCaller(turn.callerNumber)
  if (!owner || owner.reference.kind !== 'participant') {
    turn.flow.recognizedCaller = null
    return false
  }
  turn.flow.recognizedCaller = owner.reference.id
  turn.flow.language = owner.language
  return true
}

export function isRecognized(turn: Turn): boolean {
  return turn.flow.recognizedCaller !== null
}

/** The PIN question for the recognised caller, against the parent their number names. */
export function askRecognizedPin(turn: Turn, lead: readonly string[] = []): Promise<VoiceResponse> {
  const participantId = turn.flow.recognizedCaller
  if (participantId === null) return turn.goTo('identify', lead)
  turn.flow.keyedIdentifier = { kind: 'participant', id: participantId }
  return turn.goTo('pin', lead)
}

/** Star at the PIN: the caller is not that parent, or prefers their PAR ID; from here on they sign in as anyone. */
export function signInAnotherWay(turn: Turn): Promise<VoiceResponse> {
  turn.flow.recognizedCaller = null
  turn.flow.keyedIdentifier = null
  return turn.goTo('identify')
}

/** After a PIN that does not match: the PIN again for a recognised caller, the PAR ID and PIN again for others. */
export function tryAgainAfterWrongPin(turn: Turn, lead: readonly string[]): Promise<VoiceResponse> {
  return isRecognized(turn) ? askRecognizedPin(turn, lead) : turn.goTo('identify', lead)
}
