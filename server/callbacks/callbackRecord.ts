// A callback request as the domain sees it: instants as Dates, the phone line's context parsed, statuses and
// attempt outcomes as closed lists.
import type { CallbackChannel, CallbackLanguage, CallbackTopic, JsonObject } from './callbackRequest'
import type { CallbackWindow } from './serviceLevel'

/**
 * open: waiting in the queue (perhaps for a retry time) · claimed: a representative is working it ·
 * completed: the parent was reached and the question resolved · needs_caseworker: the parent was reached and
 * the question handed on to the caseworker · unreachable: closed without reaching the parent (a wrong number,
 * or `maxAttempts` calls unanswered) · cancelled: withdrawn by the parent.
 */
export const callbackStatuses = ['open', 'claimed', 'completed', 'needs_caseworker', 'unreachable', 'cancelled'] as const
export type CallbackStatus = (typeof callbackStatuses)[number]

/** A request still to be answered: the parent has one of these per case and topic at most. */
export const pendingStatuses = ['open', 'claimed'] as const satisfies readonly CallbackStatus[]
export type PendingStatus = (typeof pendingStatuses)[number]

/** Closed by staff: the agency answered, whether or not the parent could be reached. */
export const answeredStatuses = ['completed', 'needs_caseworker', 'unreachable'] as const satisfies readonly CallbackStatus[]

export const attemptOutcomes = ['no_answer', 'left_message', 'wrong_number', 'resolved', 'needs_caseworker'] as const
export type AttemptOutcome = (typeof attemptOutcomes)[number]

export function isAttemptOutcome(value: unknown): value is AttemptOutcome {
  return typeof value === 'string' && (attemptOutcomes as readonly string[]).includes(value)
}

export function isPending(status: CallbackStatus): status is PendingStatus {
  return (pendingStatuses as readonly string[]).includes(status)
}

export interface Callback {
  id: number
  confirmationCode: string
  caseId: number | null
  participantId: number | null
  /** E.164. */
  phone: string
  language: CallbackLanguage
  topic: CallbackTopic
  preferredWindow: CallbackWindow
  channel: CallbackChannel
  callSid: string | null
  phoneContext: JsonObject | null
  /** What the parent wrote under "Tell us more"; null when nothing. */
  details: string | null
  dueBy: Date
  status: CallbackStatus
  claimedBy: number | null
  claimedAt: Date | null
  attempts: number
  /** Set after a missed call: the queue offers it again from then on. */
  nextAttemptAfter: Date | null
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
}

export interface CallbackAttempt {
  id: number
  callbackId: number
  staffId: number
  attemptedAt: Date
  outcome: AttemptOutcome
  note: string | null
}
