// A call to the phone line as the supervisor figures see it: who called in which language, whether they
// proved who they are, the steps they went through and how the call ended. The channel's own working state
// (which menu is waiting, how many tries) rides along as opaque JSON that this module stores but never reads,
// apart from refusing anything that looks like a secret.

export type CallOutcome = 'in_progress' | 'resolved_by_phone' | 'callback_requested' | 'transferred' | 'abandoned'
export type CallLanguage = 'en' | 'es'

export interface PhoneCall {
  callSid: string
  fromNumber: string | null
  language: CallLanguage
  participantId: number | null
  identified: boolean
  /** Step names in the order the caller reached them. */
  path: string[]
  outcome: CallOutcome
  /** The caller heard an answer the line exists to give (a figure from their case, or general information). */
  heardAnswer: boolean
  /** The channel's working state; JSON, never a PIN or the digits a caller keyed. */
  flow: unknown
  startedAt: string
  endedAt: string | null
  durationSeconds: number | null
}

/** What a step of the call may change; the call's identity and start never change. */
export interface PhoneCallChanges {
  language?: CallLanguage
  participantId?: number | null
  /** Steps reached during this turn, appended to the path. */
  reachedSteps?: string[]
  outcome?: CallOutcome
  heardAnswer?: boolean
  flow?: unknown
}

/**
 * How a call ended for the supervisor figures. An outcome the flow already set (a callback was requested, the
 * caller was transferred) stands; a caller who hangs up after hearing the answer they came for was resolved by
 * the phone line; anyone else hung up while still being helped.
 */
export function outcomeAtEnd(call: Pick<PhoneCall, 'outcome' | 'heardAnswer'>): CallOutcome {
  if (call.outcome !== 'in_progress') return call.outcome
  return call.heardAnswer ? 'resolved_by_phone' : 'abandoned'
}

// Names a channel might carelessly use for what a caller keyed. The state column is read by support staff and
// copied into backups, so the service refuses to store them rather than trusting every caller to remember.
const secretKeyPattern = /^(pin|digits|speechresult|parid|par_id|identifier|password|ssn)$/i

export class SecretInCallStateError extends Error {
  constructor(readonly key: string) {
    super(`call state must not hold "${key}"`)
  }
}

export function assertNoSecrets(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(assertNoSecrets)
    return
  }
  if (typeof value !== 'object' || value === null) return
  for (const [key, child] of Object.entries(value)) {
    if (secretKeyPattern.test(key)) throw new SecretInCallStateError(key)
    assertNoSecrets(child)
  }
}
