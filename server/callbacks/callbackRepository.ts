// Every read and write of callback requests, in Kysely that runs the same on SQLite and PostgreSQL. The queue's
// state changes are single conditional UPDATEs checked by the row they return: the database, not this process,
// decides which of two representatives gets a request, so the rule holds across any number of app processes.
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely'

import type { SqlDialect } from '../db/dialect'
import type { CallbackAttemptsTable, CallbacksTable, Database } from '../db/schema'
import { type Callback, type CallbackAttempt, type CallbackStatus, pendingStatuses } from './callbackRecord'
import type { CallbackLanguage, CallbackTopic, JsonObject, ValidCallbackRequest } from './callbackRequest'
import type { AttemptTransition } from './callbackQueue'
import type { CallbackWindow } from './serviceLevel'
import type { CallbackFigureRow } from './supervisorFigures'
import { isParentPartyTo } from '../cases/caseRepository'

// schema.ts lists the statuses 0001 knew; this domain adds 'unreachable' (callbackRecord.ts). The column is text
// with no check, so only the type differs. Once schema.ts's CallbackStatus includes 'unreachable' this view of the
// tables equals `Database` and the cast in `createCallbackRepository` can go.
type CallbacksView = Omit<CallbacksTable, 'status'> & { status: CallbackStatus }
type CallbackTables = Omit<Database, 'callbacks'> & { callbacks: CallbacksView }
type CallbackRow = Selectable<CallbacksView>
type AttemptRow = Selectable<CallbackAttemptsTable>

export interface NewCallback extends ValidCallbackRequest {
  confirmationCode: string
  dueBy: Date
  createdAt: Date
}

export interface QueueFilters {
  languages?: readonly CallbackLanguage[]
  topic?: CallbackTopic
}

export type UniqueViolation = 'confirmation_code' | 'pending_request'

/** Which unique rule an insert broke, from either driver's error; null for any other error. */
export function uniqueViolationOf(error: unknown): UniqueViolation | null {
  const { code, constraint, message } = (error ?? {}) as { code?: string; constraint?: string; message?: string }
  // PostgreSQL: SQLSTATE 23505 names the constraint; better-sqlite3: SQLITE_CONSTRAINT_UNIQUE names columns or index.
  if (code === '23505') {
    if (constraint === 'callbacks_one_pending_request') return 'pending_request'
    if (constraint?.includes('confirmation_code')) return 'confirmation_code'
    return null
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message) {
    if (message.includes('callbacks_one_pending_request')) return 'pending_request'
    if (message.includes('callbacks.confirmation_code')) return 'confirmation_code'
  }
  return null
}

const iso = (date: Date) => date.toISOString()
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value))

function parseContext(text: string | null): JsonObject | null {
  if (text === null) return null
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null
  } catch {
    return null
  }
}

export function callbackFromRow(row: CallbackRow): Callback {
  return {
    id: row.id,
    confirmationCode: row.confirmation_code,
    caseId: row.case_id,
    participantId: row.participant_id,
    phone: row.phone,
    language: row.language,
    topic: row.topic as CallbackTopic,
    preferredWindow: row.preferred_window as CallbackWindow,
    channel: row.channel,
    callSid: row.call_sid,
    phoneContext: parseContext(row.phone_context),
    details: row.details,
    dueBy: new Date(row.due_by),
    status: row.status,
    claimedBy: row.claimed_by,
    claimedAt: dateOrNull(row.claimed_at),
    attempts: Number(row.attempts),
    nextAttemptAfter: dateOrNull(row.next_attempt_after),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    closedAt: dateOrNull(row.closed_at),
  }
}

function attemptFromRow(row: AttemptRow): CallbackAttempt {
  return {
    id: row.id,
    callbackId: row.callback_id,
    staffId: row.staff_id,
    attemptedAt: new Date(row.attempted_at),
    outcome: row.outcome,
    note: row.note,
  }
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

  const one = async (query: Promise<CallbackRow | undefined>) => {
    const row = await query
    return row ? callbackFromRow(row) : undefined
  }

  return {
    /** Throws the driver's unique-violation error when the code or the one-pending rule collides. */
    async insert(values: NewCallback): Promise<Callback> {
      const at = iso(values.createdAt)
      const row = await db
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
      return callbackFromRow(row)
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
      let query = db.selectFrom('callbacks').selectAll().where('status', 'in', pending)
      if (filters.languages) query = query.where('language', 'in', [...filters.languages])
      if (filters.topic) query = query.where('topic', '=', filters.topic)
      const rows = await query.orderBy('due_by').orderBy('id').limit(filters.limit).execute()
      return rows.map(callbackFromRow)
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
    }): Promise<{ callback: Callback; attempt: CallbackAttempt } | undefined> {
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
        return { callback: callbackFromRow(row), attempt: attemptFromRow(attempt) }
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
