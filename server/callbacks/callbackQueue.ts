// The rules of the representatives' queue, with no database: what an attempt's outcome does to a request, and how
// the queue is ordered and timed.
import { type ClaimableItem, claimHasLapsed, type ClaimTime, isReady } from '../queue/claimRule'
import type { AttemptOutcome, Callback, CallbackStatus } from './callbackRecord'
import type { ServiceLevel, TimeLeft } from './serviceLevel'

export type AttemptTransition =
  | { kind: 'closed'; status: Extract<CallbackStatus, 'completed' | 'needs_caseworker' | 'unreachable'> }
  | { kind: 'retry'; nextAttemptAfter: Date }

/**
 * resolved → completed; needs_caseworker → needs_caseworker (handed on, closed here); wrong_number → unreachable
 * at once (the same number would be wrong again; the caseworker has the other ways to reach the parent);
 * no_answer or left_message → back in the queue after the retry delay, until the `maxAttempts`th attempt,
 * which closes it as unreachable.
 */
export function afterAttempt(args: {
  outcome: AttemptOutcome
  /** Attempts recorded before this one. */
  attemptsBefore: number
  maxAttempts: number
  attemptedAt: Date
  callback: Pick<Callback, 'preferredWindow'>
  serviceLevel: ServiceLevel
}): AttemptTransition {
  switch (args.outcome) {
    case 'resolved':
      return { kind: 'closed', status: 'completed' }
    case 'needs_caseworker':
      return { kind: 'closed', status: 'needs_caseworker' }
    case 'wrong_number':
      return { kind: 'closed', status: 'unreachable' }
    case 'no_answer':
    case 'left_message':
      if (args.attemptsBefore + 1 >= args.maxAttempts) return { kind: 'closed', status: 'unreachable' }
      return { kind: 'retry', nextAttemptAfter: args.serviceLevel.retryNotBefore(args.attemptedAt, args.callback.preferredWindow) }
  }
}

export interface QueueEntry {
  callback: Callback
  timeLeft: TimeLeft
  /** False while a retry waits for its time. */
  readyNow: boolean
  /** Claimed longer ago than a claim holds: another representative may take it over. */
  claimStale: boolean
  /** The instant and claim time the entry was judged at, for the claim rule (queue/claimRule.ts). */
  claimTime: ClaimTime
}

/** A callback request as the queue's claim rule sees it. */
export function claimableCallback(callback: Pick<Callback, 'status' | 'claimedBy' | 'claimedAt' | 'nextAttemptAfter'>): ClaimableItem {
  return { status: callback.status, claimedBy: callback.claimedBy, claimedAt: callback.claimedAt, notBefore: callback.nextAttemptAfter }
}

/** Due time first (the promise nearest to breaking), then the older request. */
export function compareQueueOrder(a: Callback, b: Callback): number {
  return a.dueBy.getTime() - b.dueBy.getTime() || a.id - b.id
}

export function queueEntryOf(callback: Callback, serviceLevel: ServiceLevel, claimTime: ClaimTime): QueueEntry {
  const item = claimableCallback(callback)
  return {
    callback,
    timeLeft: serviceLevel.timeLeft(callback.dueBy, claimTime.now),
    readyNow: isReady(item, claimTime.now),
    claimStale: claimHasLapsed(item, claimTime),
    claimTime,
  }
}

/** Why a queue action did not happen; each is a state a representative can meet in a race, not a fault. */
export const queueRefusals = ['not_found', 'already_claimed', 'not_claimed_by_you', 'closed', 'nothing_to_claim', 'waiting_for_retry'] as const
export type QueueRefusal = (typeof queueRefusals)[number]

export const queueRefusalKeys: Record<QueueRefusal, string> = {
  not_found: 'callbacks:errors.notFound',
  already_claimed: 'callbacks:errors.alreadyClaimed',
  not_claimed_by_you: 'callbacks:errors.notClaimedByYou',
  closed: 'callbacks:errors.closed',
  nothing_to_claim: 'callbacks:errors.nothingToClaim',
  waiting_for_retry: 'callbacks:errors.waitingForRetry',
}

export type QueueResult<T> = ({ ok: true } & T) | { ok: false; reason: QueueRefusal; messageKey: string }

export function refused(reason: QueueRefusal): { ok: false; reason: QueueRefusal; messageKey: string } {
  return { ok: false, reason, messageKey: queueRefusalKeys[reason] }
}

/** Why a conditional update touched no row, judged from the row as it stands after the update missed. */
export function refusalFor(
  action: 'claim' | 'release' | 'attempt',
  current: (Pick<Callback, 'status' | 'claimedBy'> & Partial<Pick<Callback, 'nextAttemptAfter'>>) | undefined,
  now?: Date,
): QueueRefusal {
  if (!current) return 'not_found'
  if (current.status !== 'open' && current.status !== 'claimed') return 'closed'
  if (action !== 'claim') return 'not_claimed_by_you'
  // An open request the claim missed waits for its retry time (the claim rule's readiness), unless it was claimed
  // and given back in between.
  return now && current.status === 'open' && !isReady({ notBefore: current.nextAttemptAfter ?? null }, now) ? 'waiting_for_retry' : 'already_claimed'
}

/** Input a representative or supervisor sent that the callback service refuses. */
export const serviceErrorKeys = {
  outcomeUnknown: 'callbacks:errors.outcomeUnknown',
  noteTooLong: 'callbacks:errors.noteTooLong',
  languageUnknown: 'callbacks:errors.languageUnknown',
  topicUnknown: 'callbacks:errors.topicUnknown',
  periodInvalid: 'callbacks:errors.periodInvalid',
} as const
