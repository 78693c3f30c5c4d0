// Every read and write of callback requests, in Kysely that runs the same on SQLite and PostgreSQL. The queue's
// state changes are single conditional UPDATEs checked by the row they return: the database, not this process,
// decides which of two representatives gets a request, so the rule holds across any number of app processes.
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'

import type { SqlDialect } from '../db/dialect'
import type { Database } from '../db/schema'
import { type Callback, type CallbackAttempt, pendingStatuses } from './callbackRecord'
import type { CallbackLanguage, CallbackTopic, ValidCallbackRequest } from './callbackRequest'
import type { AttemptTransition } from './callbackQueue'
import { attemptFromRow, callbackFromRow, type CallbackRow, type CallbackTables, dateOrNull, iso } from './callbackRows'
import type { CallbackFigureRow } from './supervisorFigures'
import { isParentPartyTo } from '../cases/caseRepository'

export { callbackFromRow, uniqueViolationOf, type UniqueViolation } from './callbackRows'

export interface NewCallback extends ValidCallbackRequest {
  confirmationCode: string
  dueBy: Date
  createdAt: Date
}

export interface QueueFilters {
  languages?: readonly CallbackLanguage[]
  topic?: CallbackTopic
}

/**
 * The claim rule of queue/claimRule.ts (mayClaim) in SQL: open and ready (no retry time still to come), or claimed so
 * long ago that the claim has lapsed. The UPDATE that claims is conditional on it, so the database has the last word.
 */
function claimableWhere(now: Date, staleBefore: Date) {
  return (eb: ExpressionBuilder<CallbackTables, 'callbacks'>) =>
    eb.or([
      eb.and([eb('status', '=', 'open'), eb.or([eb('next_attempt_after', 'is', null), eb('next_attempt_after', '<=', iso(now))])]),
      eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', iso(staleBefore))]),
    ])
}

export function createCallbackRepository(database: { db: Kysely<Database>; dialect: SqlDialect }) {
  const db = database.db as unknown as Kysely<CallbackTables>
  const { dialect } = database
  const pending = [...pendingStatuses]
  /** Pending requests under the queue's filters: one WHERE for the page's rows and for their count. */
  const pendingWhere = (filters: QueueFilters) => {
    let query = db.selectFrom('callbacks').where('status', 'in', pending)
    if (filters.languages) query = query.where('language', 'in', [...filters.languages])
    if (filters.topic) query = query.where('topic', '=', filters.topic)
    return query
  }

  const one = async (query: Promise<CallbackRow | undefined>) => {
    const row = await query
    return row ? callbackFromRow(row) : undefined
  }

  return {
    /** Throws the driver's unique-violation error when the code or the one-pending rule collides. */
    /** Files a request; `alongside` writes what goes with it (the parent's alert) in the same transaction. */
    async insert(values: NewCallback, alongside?: (trx: Transaction<Database>, callback: Callback) => Promise<void>): Promise<Callback> {
      const at = iso(values.createdAt)
      return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('callbacks')
        .values({
          confirmation_code: values.confirmationCode,
          case_id: values.caseId,
          participant_id: values.participantId,
          phone: values.phone,
          language: values.language,
          topic: values.topic,
          preferred_window: values.preferredWindow,
          channel: values.channel,
          call_sid: values.callSid,
          phone_context: values.phoneContext,
          details: values.details,
          due_by: iso(values.dueBy),
          status: 'open',
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      const callback = callbackFromRow(row)
      // The callbacks' view of the schema differs only in how it types the callbacks table.
      await alongside?.(trx as unknown as Transaction<Database>, callback)
      return callback
      })
    },

    /** The pending request a parent has on a case (or on no case) and topic; at most one exists. */
    findPending(participantId: number, caseId: number | null, topic: CallbackTopic): Promise<Callback | undefined> {
      let query = db
        .selectFrom('callbacks')
        .selectAll()
        .where('participant_id', '=', participantId)
        .where('topic', '=', topic)
        .where('status', 'in', pending)
      query = caseId === null ? query.where('case_id', 'is', null) : query.where('case_id', '=', caseId)
      return one(query.executeTakeFirst())
    },

    findById(id: number): Promise<Callback | undefined> {
      return one(db.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst())
    },

    findByCode(code: string): Promise<Callback | undefined> {
      return one(db.selectFrom('callbacks').selectAll().where('confirmation_code', '=', code).executeTakeFirst())
    },

    async listForParticipant(participantId: number, options: { pendingOnly?: boolean } = {}): Promise<Callback[]> {
      let query = db.selectFrom('callbacks').selectAll().where('participant_id', '=', participantId)
      if (options.pendingOnly) query = query.where('status', 'in', pending)
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute()
      return rows.map(callbackFromRow)
    },

    async listForCase(caseId: number): Promise<Callback[]> {
      const rows = await db
        .selectFrom('callbacks')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute()
      return rows.map(callbackFromRow)
    },

    /** A parent may ask about a case only where they are the paying or the receiving party. */
    participantIsPartyTo(participantId: number, caseId: number): Promise<boolean> {
      return isParentPartyTo(db, participantId, caseId)
    },

    async participantExists(participantId: number): Promise<boolean> {
      const row = await db.selectFrom('participants').select('id').where('id', '=', participantId).executeTakeFirst()
      return row !== undefined
    },

    async staffLanguages(staffId: number): Promise<CallbackLanguage[] | undefined> {
      const row = await db.selectFrom('staff').select('languages').where('id', '=', staffId).executeTakeFirst()
      if (!row) return undefined
      return row.languages
        .split(',')
        .map((code) => code.trim())
        .filter((code): code is CallbackLanguage => code === 'en' || code === 'es')
    },

    /** Only the parent's own request, and only while pending. */
    cancelForParticipant(id: number, participantId: number, now: Date): Promise<Callback | undefined> {
      return one(
        db
          .updateTable('callbacks')
          .set({ status: 'cancelled', closed_at: iso(now), updated_at: iso(now), next_attempt_after: null })
          .where('id', '=', id)
          .where('participant_id', '=', participantId)
          .where('status', 'in', pending)
          .returningAll()
          .executeTakeFirst(),
      )
    },

    async listPending(filters: QueueFilters & { limit: number }): Promise<Callback[]> {
      const rows = await pendingWhere(filters).selectAll().orderBy('due_by').orderBy('id').limit(filters.limit).execute()
      return rows.map(callbackFromRow)
    },

    /** How many requests are pending under the filters, however many a page lists. */
    async countPending(filters: QueueFilters): Promise<number> {
      const row = await pendingWhere(filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      return Number(row.n)
    },

    /**
     * Claimable (claimableWhere) → claimed in one conditional UPDATE: of any number of concurrent claims
     * exactly one matches the row, since the first changes claimed_at past the cut-off for the rest.
     */
    claim(id: number, staffId: number, now: Date, staleBefore: Date): Promise<Callback | undefined> {
      return one(
        db
          .updateTable('callbacks')
          .set({ status: 'claimed', claimed_by: staffId, claimed_at: iso(now), updated_at: iso(now) })
          .where('id', '=', id)
          .where(claimableWhere(now, staleBefore))
          .returningAll()
          .executeTakeFirst(),
      )
    },

    /**
     * Claims the open request due first that is ready and matches the filters. On PostgreSQL the candidate is
     * chosen with FOR UPDATE SKIP LOCKED, so concurrent callers each take a different row instead of queueing
     * on the same one; SQLite has one writer at a time, so the statement alone is enough.
     */
    claimNext(staffId: number, filters: QueueFilters, now: Date, staleBefore: Date): Promise<Callback | undefined> {
      let candidate = db
        .selectFrom('callbacks')
        .select('id')
        .where(claimableWhere(now, staleBefore))
      if (filters.languages) candidate = candidate.where('language', 'in', [...filters.languages])
      if (filters.topic) candidate = candidate.where('topic', '=', filters.topic)
      candidate = candidate.orderBy('due_by').orderBy('id').limit(1)
      if (dialect === 'postgres') candidate = candidate.forUpdate().skipLocked()
      return one(
        db
          .updateTable('callbacks')
          .set({ status: 'claimed', claimed_by: staffId, claimed_at: iso(now), updated_at: iso(now) })
          .where('id', '=', candidate)
          .where(claimableWhere(now, staleBefore))
          .returningAll()
          .executeTakeFirst(),
      )
    },

    release(id: number, staffId: number, now: Date): Promise<Callback | undefined> {
      return one(
        db
          .updateTable('callbacks')
          .set({ status: 'open', claimed_by: null, claimed_at: null, updated_at: iso(now) })
          .where('id', '=', id)
          .where('status', '=', 'claimed')
          .where('claimed_by', '=', staffId)
          .returningAll()
          .executeTakeFirst(),
      )
    },

    /**
     * Applies an attempt's transition and records the attempt, together or not at all. The update holds only if
     * the request is still claimed by this representative with the attempt count read before, so a double
     * submit records one attempt.
     */
    async recordAttempt(args: {
      id: number
      staffId: number
      attemptsBefore: number
      transition: AttemptTransition
      outcome: CallbackAttempt['outcome']
      note: string | null
      now: Date
    }, alongside?: (trx: Transaction<Database>, callback: Callback) => Promise<void>): Promise<{ callback: Callback; attempt: CallbackAttempt } | undefined> {
      const at = iso(args.now)
      const changes =
        args.transition.kind === 'closed'
          ? { status: args.transition.status, closed_at: at, next_attempt_after: null }
          : {
              status: 'open' as const,
              claimed_by: null,
              claimed_at: null,
              next_attempt_after: iso(args.transition.nextAttemptAfter),
            }
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('callbacks')
          .set({ ...changes, attempts: args.attemptsBefore + 1, updated_at: at })
          .where('id', '=', args.id)
          .where('status', '=', 'claimed')
          .where('claimed_by', '=', args.staffId)
          .where('attempts', '=', args.attemptsBefore)
          .returningAll()
          .executeTakeFirst()
        if (!row) return undefined
        const attempt = await trx
          .insertInto('callback_attempts')
          .values({ callback_id: args.id, staff_id: args.staffId, attempted_at: at, outcome: args.outcome, note: args.note })
          .returningAll()
          .executeTakeFirstOrThrow()
        const callback = callbackFromRow(row)
        // What the attempt raises (the "we could not reach you" alert) is written with it, or not at all.
        await alongside?.(trx as unknown as Transaction<Database>, callback)
        return { callback, attempt: attemptFromRow(attempt) }
      })
    },

    async attemptsFor(callbackId: number): Promise<CallbackAttempt[]> {
      const rows = await db
        .selectFrom('callback_attempts')
        .selectAll()
        .where('callback_id', '=', callbackId)
        .orderBy('attempted_at')
        .orderBy('id')
        .execute()
      return rows.map(attemptFromRow)
    },

    /** Requests made in [from, to), each with its first attempt's time. */
    async figureRows(from: Date, to: Date): Promise<CallbackFigureRow[]> {
      const rows = await db
        .selectFrom('callbacks')
        .select(['language', 'topic', 'status', 'created_at', 'due_by', 'closed_at'])
        .select((eb) =>
          eb
            .selectFrom('callback_attempts')
            .select((inner) => inner.fn.min('attempted_at').as('first'))
            .whereRef('callback_attempts.callback_id', '=', 'callbacks.id')
            .as('first_attempt_at'),
        )
        .where('created_at', '>=', iso(from))
        .where('created_at', '<', iso(to))
        .execute()
      return rows.map((row) => ({
        language: row.language,
        topic: row.topic as CallbackTopic,
        status: row.status,
        createdAt: new Date(row.created_at),
        dueBy: new Date(row.due_by),
        closedAt: dateOrNull(row.closed_at),
        firstAttemptAt: dateOrNull((row.first_attempt_at as string | null) ?? null),
      }))
    },
  }
}

export type CallbackRepository = ReturnType<typeof createCallbackRepository>
