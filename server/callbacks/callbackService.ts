// Callback requests from the web and the phone, the representatives' queue and the supervisor's figures: the
// business calendar, the service level and the queue rules composed over the repository. Channels call this and
// nothing below it; what it returns carries enums and message keys, never sentences.
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Config } from '../config'
import type { SqlDialect } from '../db/dialect'
import type { Database } from '../db/schema'
import { agencyCalendar, type BusinessCalendarOptions, type Closure, createBusinessCalendar } from './businessCalendar'
import {
  afterAttempt,
  compareQueueOrder,
  type QueueEntry,
  queueEntryOf,
  type QueueResult,
  refusalFor,
  refused,
} from './callbackQueue'
import { type AttemptOutcome, type Callback, type CallbackAttempt, isAttemptOutcome } from './callbackRecord'
import { createCallbackRepository, type QueueFilters, uniqueViolationOf } from './callbackRepository'
import {
  type CallbackLanguage,
  callbackLanguages,
  type CallbackRequestInput,
  type CallbackTopic,
  callbackTopics,
  CallbackValidationError,
  requestErrorKeys,
  validateCallbackRequest,
} from './callbackRequest'
import { generateConfirmationCode, type RandomIndex, secureRandomIndex } from './confirmationCode'
import { createParentCallbacks } from './parentCallbacks'
import { createServiceLevel, type ServiceLevelOptions, type TimeLeft } from './serviceLevel'
import { type FigurePeriod, isFigurePeriod, periodBounds, type SupervisorCallbackFigures, supervisorCallbackFigures } from './supervisorFigures'
import { type ClaimTime, holdsClaim, staleClaimsBefore } from '../queue/claimRule'

export interface CallbackServiceOptions {
  /** Calls before a request closes as unreachable (config CALLBACK_MAX_ATTEMPTS). */
  maxAttempts: number
  /** How long a claim holds before another representative may take the request over (config CALLBACK_CLAIM_MINUTES). */
  claimMinutes: number
  /** Office hours, time zone and closures. Default: Monday–Friday 8:00–16:00 Pacific, California state holidays. */
  calendar?: BusinessCalendarOptions
  serviceLevel?: Partial<ServiceLevelOptions>
  /** Source of the confirmation codes' randomness; tests inject one to force collisions. */
  randomIndex?: RandomIndex
  /** The most queue entries one listing returns. */
  queueLimit?: number
}

export interface CallbackServiceDependencies {
  database: { db: Kysely<Database>; dialect: SqlDialect }
  clock: Clock
  config: { callbacks: Pick<Config['callbacks'], 'maxAttempts'> & Partial<Pick<Config['callbacks'], 'claimMinutes'>> }
  options?: Partial<CallbackServiceOptions>
}

export interface RequestedCallback {
  callback: Callback
  /** True when the parent already had this request pending: nothing new was filed. */
  existing: boolean
}

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

export interface OfficeStatus {
  open: boolean
  /** Now, while open; otherwise when people next answer. */
  nextOpenAt: Date
  /** Why today is closed, when it is a closed day. */
  closureToday: Closure | null
}

export const serviceErrorKeys = {
  outcomeUnknown: 'callbacks:errors.outcomeUnknown',
  noteTooLong: 'callbacks:errors.noteTooLong',
  languageUnknown: 'callbacks:errors.languageUnknown',
  topicUnknown: 'callbacks:errors.topicUnknown',
  periodInvalid: 'callbacks:errors.periodInvalid',
} as const

const maxNoteLength = 2000
const codeTries = 8

export function createCallbackService(dependencies: CallbackServiceDependencies) {
  const options: CallbackServiceOptions = {
    maxAttempts: dependencies.config.callbacks.maxAttempts,
    claimMinutes: dependencies.config.callbacks.claimMinutes ?? 60,
    ...dependencies.options,
  }
  const { clock } = dependencies
  const calendar = options.calendar ? createBusinessCalendar(options.calendar) : agencyCalendar
  const serviceLevel = createServiceLevel(calendar, options.serviceLevel)
  const repository = createCallbackRepository(dependencies.database)
  const randomIndex = options.randomIndex ?? secureRandomIndex
  const queueLimit = options.queueLimit ?? 200
  const claimTimeAt = (now: Date): ClaimTime => ({ now, claimMinutes: options.claimMinutes })

  const checkFilters = (filters: { language?: string; topic?: string }): QueueFilters & { language?: CallbackLanguage } => {
    const issues = []
    if (filters.language !== undefined && !(callbackLanguages as readonly string[]).includes(filters.language))
      issues.push({ field: 'language', messageKey: serviceErrorKeys.languageUnknown })
    if (filters.topic !== undefined && !(callbackTopics as readonly string[]).includes(filters.topic))
      issues.push({ field: 'topic', messageKey: serviceErrorKeys.topicUnknown })
    if (issues.length) throw new CallbackValidationError(issues)
    return { language: filters.language as CallbackLanguage | undefined, topic: filters.topic as CallbackTopic | undefined }
  }

  return {
    calendar,
    serviceLevel,
    ...createParentCallbacks({ repository, clock, claimMinutes: options.claimMinutes }),

    /** Whether people answer now, for the phone line's "our office is closed" and the portal's notice. */
    officeStatus(now: Date = clock.now()): OfficeStatus {
      return {
        open: calendar.isOpenAt(now),
        nextOpenAt: calendar.nextOpenAt(now),
        closureToday: calendar.closureOn(calendar.localDateOf(now)),
      }
    },

    /**
     * Files a request, or returns the one the parent already has pending on that case and topic (`existing`).
     * Throws CallbackValidationError with message keys for input the domain refuses.
     */
    async requestCallback(input: CallbackRequestInput): Promise<RequestedCallback> {
      const check = validateCallbackRequest(input)
      if (!check.ok) throw new CallbackValidationError(check.issues)
      const request = check.request
      if (request.caseId !== null && !(await repository.participantIsPartyTo(request.participantId!, request.caseId)))
        throw new CallbackValidationError([{ field: 'caseId', messageKey: requestErrorKeys.notYourCase }])
      // A staff member may name a parent without a case; the parent must exist (a signed-in parent always does).
      if (request.caseId === null && request.participantId !== null && !(await repository.participantExists(request.participantId)))
        throw new CallbackValidationError([{ field: 'participantId', messageKey: requestErrorKeys.participantRequired }])

      const findPending = () =>
        request.participantId === null
          ? Promise.resolve(undefined)
          : repository.findPending(request.participantId, request.caseId, request.topic)
      const already = await findPending()
      if (already) return { callback: already, existing: true }

      const now = clock.now()
      const dueBy = serviceLevel.dueBy(now, request.preferredWindow)
      for (let attempt = 0; attempt < codeTries; attempt++) {
        try {
          const confirmationCode = generateConfirmationCode(randomIndex)
          return { callback: await repository.insert({ ...request, confirmationCode, dueBy, createdAt: now }), existing: false }
        } catch (error) {
          const violation = uniqueViolationOf(error)
          if (violation === 'confirmation_code') continue
          if (violation !== 'pending_request') throw error
          // Another request for the same parent, case and topic got in first; that one is the answer. If it has
          // closed since, the loop files this one after all.
          const winner = await findPending()
          if (winner) return { callback: winner, existing: true }
        }
      }
      throw new Error(`could not file a callback request after ${codeTries} tries`)
    },

    /** Pending requests, due first, each with its time left. */
    async listQueue(query: { language?: string; topic?: string; now?: Date; limit?: number } = {}): Promise<QueueEntry[]> {
      const filters = checkFilters(query)
      const now = query.now ?? clock.now()
      const callbacks = await repository.listPending({
        languages: filters.language ? [filters.language] : undefined,
        topic: filters.topic,
        limit: Math.max(1, Math.min(Math.floor(query.limit ?? queueLimit), queueLimit)),
      })
      return callbacks.sort(compareQueueOrder).map((callback) => queueEntryOf(callback, serviceLevel, claimTimeAt(now)))
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
      })
      if (recorded) return { ok: true, ...recorded }
      return refused(refusalFor('attempt', await repository.findById(callbackId)))
    },

    attemptsFor(callbackId: number): Promise<CallbackAttempt[]> {
      return repository.attemptsFor(callbackId)
    },

    /** Requests made in a period of agency dates (both included), overall and by language and topic. */
    async supervisorFigures(period: FigurePeriod, now: Date = clock.now()): Promise<SupervisorCallbackFigures> {
      if (!isFigurePeriod(period)) throw new CallbackValidationError([{ field: 'period', messageKey: serviceErrorKeys.periodInvalid }])
      const { from, to } = periodBounds(period, calendar)
      const rows = await repository.figureRows(from, to)
      return supervisorCallbackFigures(rows, { period, now, calendar })
    },
  }
}

export type CallbackService = ReturnType<typeof createCallbackService>
export type { CodeStatusView, ParentCallbackView } from './parentCallbacks'
