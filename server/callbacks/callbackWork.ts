// The representatives' side of callback requests: the queue, one request's detail, and claims, releases and attempts,
// each state change a single conditional UPDATE in the repository judged by the one claim rule (queue/claimRule.ts).
// Input a representative sent is checked here first (filters, outcome, note), with message keys.
import type { AlertChannel } from '../alerts/alertChannels'
import { raiseAlert } from '../alerts/raiseAlert'
import type { Clock } from '../clock'
import { type ClaimTime, holdsClaim, staleClaimsBefore } from '../queue/claimRule'
import { maxQueueRows } from '../queue/queuePaging'
import { afterAttempt, compareQueueOrder, type QueueEntry, queueEntryOf, type QueueResult, refusalFor, refused, serviceErrorKeys } from './callbackQueue'
import { type AttemptOutcome, type Callback, type CallbackAttempt, isAttemptOutcome } from './callbackRecord'
import type { CallbackRepository, QueueFilters } from './callbackRepository'
import { type CallbackLanguage, callbackLanguages, type CallbackTopic, callbackTopics, CallbackValidationError, type FieldIssue } from './callbackRequest'
import type { ServiceLevel, TimeLeft } from './serviceLevel'

export interface CallbackDetail {
  callback: Callback
  attempts: CallbackAttempt[]
  timeLeft: TimeLeft
  /** Claimed so long ago that another representative may take it over. */
  claimStale: boolean
  /** False while a retry waits for its time. */
  readyNow: boolean
  claimTime: ClaimTime
}

const maxNoteLength = 2000

/** The queue's filters as a channel passed them, checked: an unknown value is refused, never read as "all". */
export function checkQueueFilters(filters: { language?: string; topic?: string }): QueueFilters & { language?: CallbackLanguage } {
  const issues: FieldIssue[] = []
  if (filters.language !== undefined && !(callbackLanguages as readonly string[]).includes(filters.language))
    issues.push({ field: 'language', messageKey: serviceErrorKeys.languageUnknown })
  if (filters.topic !== undefined && !(callbackTopics as readonly string[]).includes(filters.topic))
    issues.push({ field: 'topic', messageKey: serviceErrorKeys.topicUnknown })
  if (issues.length) throw new CallbackValidationError(issues)
  return { language: filters.language as CallbackLanguage | undefined, topic: filters.topic as CallbackTopic | undefined }
}

export function createCallbackWork(deps: {
  repository: CallbackRepository
  clock: Clock
  serviceLevel: ServiceLevel
  options: { maxAttempts: number; claimMinutes: number; queueLimit: number }
  /** The alert channels this office has set up: a request closed without reaching the parent raises "we missed you". */
  alertChannels?: readonly AlertChannel[]
}) {
  const { repository, clock, serviceLevel, options } = deps
  const { queueLimit } = options
  const claimTimeAt = (now: Date): ClaimTime => ({ now, claimMinutes: options.claimMinutes })
  const checkFilters = checkQueueFilters
  return {
    /** Pending requests, due first, each with its time left. */
    async listQueue(query: { language?: string; topic?: string; now?: Date; limit?: number } = {}): Promise<QueueEntry[]> {
      const filters = checkFilters(query)
      const now = query.now ?? clock.now()
      const callbacks = await repository.listPending({
        languages: filters.language ? [filters.language] : undefined,
        topic: filters.topic,
        limit: Math.max(1, Math.min(Math.floor(query.limit ?? queueLimit), maxQueueRows)),
      })
      return callbacks.sort(compareQueueOrder).map((callback) => queueEntryOf(callback, serviceLevel, claimTimeAt(now)))
    },

    /** How many requests are pending under the filters. */
    countQueue(query: { language?: string; topic?: string } = {}): Promise<number> {
      const filters = checkFilters(query)
      return repository.countPending({ languages: filters.language ? [filters.language] : undefined, topic: filters.topic })
    },

    async callbackForStaff(callbackId: number, now: Date = clock.now()): Promise<CallbackDetail | undefined> {
      const callback = await repository.findById(callbackId)
      if (!callback) return undefined
      const { timeLeft, claimStale, readyNow, claimTime } = queueEntryOf(callback, serviceLevel, claimTimeAt(now))
      return { callback, attempts: await repository.attemptsFor(callbackId), timeLeft, claimStale, readyNow, claimTime }
    },

    /** Earlier requests on a case, for the representative's view of it. */
    listForCase(caseId: number): Promise<Callback[]> {
      return repository.listForCase(caseId)
    },

    /**
     * Exactly one of any number of simultaneous claims succeeds; claiming one's own claim again is a no-op. An open
     * request, or one whose claim has lapsed (claimMinutes), can be taken.
     */
    async claim(callbackId: number, staffId: number): Promise<QueueResult<{ callback: Callback }>> {
      const now = clock.now()
      const claimed = await repository.claim(callbackId, staffId, now, staleClaimsBefore(now, options.claimMinutes))
      if (claimed) return { ok: true, callback: claimed }
      const current = await repository.findById(callbackId)
      if (current && holdsClaim({ staffId }, current)) return { ok: true, callback: current }
      return refused(refusalFor('claim', current, now))
    },

    /** The languages a representative speaks (staff.languages); undefined for no such staff member. */
    staffLanguages(staffId: number): Promise<CallbackLanguage[] | undefined> {
      return repository.staffLanguages(staffId)
    },

    /** The ready request due first, in a language the representative speaks (staff.languages). */
    async claimNext(staffId: number, filters: { language?: string; topic?: string } = {}): Promise<QueueResult<{ callback: Callback }>> {
      const wanted = checkFilters(filters)
      const spoken = await repository.staffLanguages(staffId)
      if (!spoken) return refused('not_found')
      const languages = wanted.language ? spoken.filter((l) => l === wanted.language) : spoken
      if (languages.length === 0) return refused('nothing_to_claim')
      const now = clock.now()
      const claimed = await repository.claimNext(staffId, { languages, topic: wanted.topic }, now, staleClaimsBefore(now, options.claimMinutes))
      return claimed ? { ok: true, callback: claimed } : refused('nothing_to_claim')
    },

    async release(callbackId: number, staffId: number): Promise<QueueResult<{ callback: Callback }>> {
      const released = await repository.release(callbackId, staffId, clock.now())
      if (released) return { ok: true, callback: released }
      return refused(refusalFor('release', await repository.findById(callbackId)))
    },

    /**
     * Records a call to the parent by the representative holding the claim, and moves the request on: closed
     * (completed, needs_caseworker, unreachable) or back in the queue for a retry.
     */
    async recordAttempt(
      callbackId: number,
      staffId: number,
      outcome: AttemptOutcome | string,
      note?: string | null,
    ): Promise<QueueResult<{ callback: Callback; attempt: CallbackAttempt }>> {
      const trimmedNote = note?.trim() || null
      const issues = []
      if (!isAttemptOutcome(outcome)) issues.push({ field: 'outcome', messageKey: serviceErrorKeys.outcomeUnknown })
      if (trimmedNote && trimmedNote.length > maxNoteLength) issues.push({ field: 'note', messageKey: serviceErrorKeys.noteTooLong })
      if (issues.length || !isAttemptOutcome(outcome)) throw new CallbackValidationError(issues)

      const current = await repository.findById(callbackId)
      if (!current || current.status !== 'claimed' || current.claimedBy !== staffId) return refused(refusalFor('attempt', current))
      const now = clock.now()
      const transition = afterAttempt({
        outcome,
        attemptsBefore: current.attempts,
        maxAttempts: options.maxAttempts,
        attemptedAt: now,
        callback: current,
        serviceLevel,
      })
      const recorded = await repository.recordAttempt({
        id: callbackId,
        staffId,
        attemptsBefore: current.attempts,
        transition,
        outcome,
        note: trimmedNote,
        now,
      }, async (trx, callback) => {
        // Closed without reaching the parent: tell them, with the way to ask again. A retry still to come is not news.
        if (transition.kind !== 'closed' || transition.status !== 'unreachable' || callback.participantId === null) return
        const event = { participantId: callback.participantId, kind: 'callback_missed' as const, eventKey: `callback_missed:${callback.id}`, details: {} }
        await raiseAlert(trx, event, deps.alertChannels ?? [], now)
      })
      if (recorded) return { ok: true, ...recorded }
      return refused(refusalFor('attempt', await repository.findById(callbackId)))
    },

    attemptsFor(callbackId: number): Promise<CallbackAttempt[]> {
      return repository.attemptsFor(callbackId)
    },
  }
}
