// Every read and write of message threads and their posts, in Kysely that runs the same on SQLite and PostgreSQL.
// A thread's state changes are conditional UPDATEs checked by the row they return, as the callbacks' are: the
// database decides, so the rule holds across any number of app processes.
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely'

import type { CallbackLanguage, CallbackTopic } from '../callbacks/callbackRequest'
import type { SqlDialect } from '../db/dialect'
import type { Database, MessagePostsTable, MessageThreadsTable } from '../db/schema'
import { type MessagePost, type MessageThread, type ThreadKind, type ThreadStatus, waitingStatuses } from './messageRecord'
import { isParentPartyTo } from '../cases/caseRepository'
import { type ChangeFields, changeFieldsFromJson } from './changeReport'
import type { CheckedUpload } from '../documents/documentRecord'
import { insertDocuments } from '../documents/documentRepository'

const iso = (date: Date) => date.toISOString()
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value))

export function threadFromRow(row: Selectable<MessageThreadsTable>): MessageThread {
  return {
    id: row.id,
    participantId: row.participant_id,
    caseId: row.case_id,
    kind: row.kind as ThreadKind,
    topic: row.topic as CallbackTopic,
    language: row.language,
    status: row.status as ThreadStatus,
    dueBy: new Date(row.due_by),
    claimedBy: row.claimed_by,
    claimedAt: dateOrNull(row.claimed_at),
    firstAnsweredAt: dateOrNull(row.first_answered_at),
    lastReplyAt: dateOrNull(row.last_reply_at),
    parentReadAt: dateOrNull(row.parent_read_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    closedAt: dateOrNull(row.closed_at),
  }
}

function postFromRow(row: Selectable<MessagePostsTable>): MessagePost {
  return {
    id: row.id,
    threadId: row.thread_id,
    author: row.author,
    staffId: row.staff_id,
    body: row.body,
    fields: changeFieldsFromJson(row.fields),
    createdAt: new Date(row.created_at),
  }
}

export interface NewThread {
  participantId: number
  caseId: number | null
  kind: ThreadKind
  topic: CallbackTopic
  language: CallbackLanguage
  body: string
  /** A reported change's fields, kept with the first post. */
  fields?: ChangeFields | null
  /** Documents sent with the first post, and the document request they answer (or null). */
  documents?: readonly CheckedUpload[]
  answersEventId?: number | null
  dueBy: Date
  createdAt: Date
}

export interface ThreadQueueFilters {
  kinds?: readonly ThreadKind[]
  languages?: readonly CallbackLanguage[]
  topic?: CallbackTopic
}

/** A thread of the period with the time the agency first answered it, for the supervisor's figures. */
export interface MessageFigureRow {
  language: CallbackLanguage
  topic: CallbackTopic
  status: ThreadStatus
  createdAt: Date
  firstAnsweredAt: Date | null
}

/**
 * The claim rule of queue/claimRule.ts (mayClaim) in SQL: open (a thread waits for no retry time), or claimed so long
 * ago that the claim has lapsed. Every claiming UPDATE is conditional on it, so the database has the last word.
 */
function claimableWhere(staleBefore: Date) {
  return (eb: ExpressionBuilder<Database, 'message_threads'>) =>
    eb.or([eb('status', '=', 'open'), eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', iso(staleBefore))])])
}

export function createMessageRepository(database: { db: Kysely<Database>; dialect: SqlDialect }) {
  const { db, dialect } = database
  const waiting = [...waitingStatuses]
  /** Waiting threads under the queue's filters: one WHERE for the page's rows and for their count. */
  const waitingWhere = (filters: ThreadQueueFilters) => {
    let query = db.selectFrom('message_threads').where('status', 'in', waiting)
    if (filters.kinds) query = query.where('kind', 'in', [...filters.kinds])
    if (filters.languages) query = query.where('language', 'in', [...filters.languages])
    if (filters.topic) query = query.where('topic', '=', filters.topic)
    return query
  }
  const claimedNow = (staffId: number, now: Date) => ({ status: 'claimed', claimed_by: staffId, claimed_at: iso(now), updated_at: iso(now) })
  return {
    /** The thread and its first post, together or not at all. */
    insertThread(values: NewThread): Promise<MessageThread> {
      const at = iso(values.createdAt)
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('message_threads')
          .values({
            participant_id: values.participantId,
            case_id: values.caseId,
            kind: values.kind,
            topic: values.topic,
            language: values.language,
            status: 'open',
            due_by: iso(values.dueBy),
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('message_posts')
          .values({ thread_id: row.id, author: 'parent', body: values.body, fields: values.fields ? JSON.stringify(values.fields) : null, created_at: at })
          .execute()
        await insertDocuments(trx, {
          threadId: row.id,
          participantId: values.participantId,
          caseId: values.caseId,
          eventId: values.answersEventId ?? null,
          uploads: values.documents ?? [],
          createdAt: values.createdAt,
        })
        return threadFromRow(row)
      })
    },

    async findById(id: number): Promise<MessageThread | undefined> {
      const row = await db.selectFrom('message_threads').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? threadFromRow(row) : undefined
    },

    /** The thread only if it is this parent's: anyone else's is not found, exactly like one that does not exist. */
    async findForParticipant(id: number, participantId: number): Promise<MessageThread | undefined> {
      const row = await db
        .selectFrom('message_threads')
        .selectAll()
        .where('id', '=', id)
        .where('participant_id', '=', participantId)
        .executeTakeFirst()
      return row ? threadFromRow(row) : undefined
    },

    async listForParticipant(participantId: number, limit = 200): Promise<MessageThread[]> {
      const rows = await db
        .selectFrom('message_threads')
        .selectAll()
        .where('participant_id', '=', participantId)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(threadFromRow)
    },

    async listForCase(caseId: number, limit = 200): Promise<MessageThread[]> {
      const rows = await db.selectFrom('message_threads').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').limit(limit).execute()
      return rows.map(threadFromRow)
    },

    /** Threads with a reply the parent has not opened. */
    async unreadCount(participantId: number): Promise<number> {
      const row = await db
        .selectFrom('message_threads')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('participant_id', '=', participantId)
        .where('last_reply_at', 'is not', null)
        .where((eb) => eb.or([eb('parent_read_at', 'is', null), eb('parent_read_at', '<', eb.ref('last_reply_at'))]))
        .executeTakeFirst()
      return Number(row?.count ?? 0)
    },

    async postsFor(threadId: number): Promise<MessagePost[]> {
      const rows = await db.selectFrom('message_posts').selectAll().where('thread_id', '=', threadId).orderBy('id').execute()
      return rows.map(postFromRow)
    },

    async markRead(id: number, participantId: number, now: Date): Promise<void> {
      await db
        .updateTable('message_threads')
        .set({ parent_read_at: iso(now) })
        .where('id', '=', id)
        .where('participant_id', '=', participantId)
        .execute()
    },

    /**
     * The parent writes again. A thread the agency had answered opens once more with a new due time (any inquiry
     * gets its answer within the service level); one still waiting keeps the due time it had.
     */
    addParentPost(args: {
      id: number
      participantId: number
      body: string
      documents?: readonly CheckedUpload[]
      now: Date
      dueByIfReopened: Date
    }): Promise<MessageThread | undefined> {
      const at = iso(args.now)
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('message_threads')
          .select('status')
          .where('id', '=', args.id)
          .where('participant_id', '=', args.participantId)
          .executeTakeFirst()
        if (!current) return undefined
        const reopen = !(waiting as string[]).includes(current.status)
        const row = await trx
          .updateTable('message_threads')
          .set(reopen ? { status: 'open', due_by: iso(args.dueByIfReopened), closed_at: null, claimed_by: null, claimed_at: null, updated_at: at } : { updated_at: at })
          .where('id', '=', args.id)
          .where('participant_id', '=', args.participantId)
          .where('status', '=', current.status)
          .returningAll()
          .executeTakeFirst()
        if (!row) return undefined
        await trx.insertInto('message_posts').values({ thread_id: args.id, author: 'parent', body: args.body, created_at: at }).execute()
        await insertDocuments(trx, { threadId: args.id, participantId: args.participantId, caseId: row.case_id, eventId: null, uploads: args.documents ?? [], createdAt: args.now })
        return threadFromRow(row)
      })
    },

    /**
     * A representative's reply, only while the thread is waiting and claimed by them (or open, for a reply without a
     * claim); it closes the thread ('answered') or leaves it open, released, for a later answer.
     */
    addStaffReply(
      args: { id: number; staffId: number; body: string; close: boolean; now: Date },
      /** What else the reply writes, in its transaction (the parent's alert): called with the new post's id. */
      alongside?: (trx: Transaction<Database>, thread: MessageThread, postId: number) => Promise<void>,
    ): Promise<MessageThread | undefined> {
      const at = iso(args.now)
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('message_threads')
          .set((eb) => ({
            status: args.close ? 'answered' : 'open',
            closed_at: args.close ? at : null,
            claimed_by: null,
            claimed_at: null,
            last_reply_at: at,
            first_answered_at: eb.fn.coalesce('first_answered_at', eb.val(at)),
            updated_at: at,
          }))
          .where('id', '=', args.id)
          .where('status', '=', 'claimed')
          .where('claimed_by', '=', args.staffId)
          .returningAll()
          .executeTakeFirst()
        if (!row) return undefined
        const post = await trx
          .insertInto('message_posts')
          .values({ thread_id: args.id, author: 'staff', staff_id: args.staffId, body: args.body, created_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
        const thread = threadFromRow(row)
        await alongside?.(trx, thread, post.id)
        return thread
      })
    },

    /** Claimable (claimableWhere) → claimed, in one conditional UPDATE: of simultaneous claims exactly one wins. */
    async claim(id: number, staffId: number, now: Date, staleBefore: Date): Promise<MessageThread | undefined> {
      const row = await db
        .updateTable('message_threads')
        .set(claimedNow(staffId, now))
        .where('id', '=', id)
        .where(claimableWhere(staleBefore))
        .returningAll()
        .executeTakeFirst()
      return row ? threadFromRow(row) : undefined
    },

    /**
     * Claims the claimable thread due first that matches the filters. On PostgreSQL the candidate is chosen with
     * FOR UPDATE SKIP LOCKED, so concurrent callers each take a different row; SQLite has one writer at a time.
     */
    async claimNext(staffId: number, filters: ThreadQueueFilters, now: Date, staleBefore: Date): Promise<MessageThread | undefined> {
      let candidate = db.selectFrom('message_threads').select('id').where(claimableWhere(staleBefore))
      if (filters.kinds) candidate = candidate.where('kind', 'in', [...filters.kinds])
      if (filters.languages) candidate = candidate.where('language', 'in', [...filters.languages])
      if (filters.topic) candidate = candidate.where('topic', '=', filters.topic)
      candidate = candidate.orderBy('due_by').orderBy('id').limit(1)
      if (dialect === 'postgres') candidate = candidate.forUpdate().skipLocked()
      const row = await db
        .updateTable('message_threads')
        .set(claimedNow(staffId, now))
        .where('id', '=', candidate)
        .where(claimableWhere(staleBefore))
        .returningAll()
        .executeTakeFirst()
      return row ? threadFromRow(row) : undefined
    },

    /** The claimant gives the thread back to the queue, still waiting for its answer. */
    async release(id: number, staffId: number, now: Date): Promise<MessageThread | undefined> {
      const row = await db
        .updateTable('message_threads')
        .set({ status: 'open', claimed_by: null, claimed_at: null, updated_at: iso(now) })
        .where('id', '=', id)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', staffId)
        .returningAll()
        .executeTakeFirst()
      return row ? threadFromRow(row) : undefined
    },

    /** Threads waiting on the agency, due first. */
    async listWaiting(filters: ThreadQueueFilters & { limit: number }): Promise<MessageThread[]> {
      const rows = await waitingWhere(filters).selectAll().orderBy('due_by').orderBy('id').limit(filters.limit).execute()
      return rows.map(threadFromRow)
    },

    /** How many threads wait under the filters, however many a page lists. */
    async countWaiting(filters: ThreadQueueFilters): Promise<number> {
      const row = await waitingWhere(filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      return Number(row.n)
    },

    /** Threads started in [from, to). */
    async figureRows(from: Date, to: Date): Promise<MessageFigureRow[]> {
      const rows = await db
        .selectFrom('message_threads')
        .select(['language', 'topic', 'status', 'created_at', 'first_answered_at'])
        .where('created_at', '>=', iso(from))
        .where('created_at', '<', iso(to))
        .execute()
      return rows.map((row) => ({
        language: row.language,
        topic: row.topic as CallbackTopic,
        status: row.status as ThreadStatus,
        createdAt: new Date(row.created_at),
        firstAnsweredAt: dateOrNull(row.first_answered_at),
      }))
    },

    participantIsPartyTo(participantId: number, caseId: number): Promise<boolean> {
      return isParentPartyTo(db, participantId, caseId)
    },
  }
}

export type MessageRepository = ReturnType<typeof createMessageRepository>
