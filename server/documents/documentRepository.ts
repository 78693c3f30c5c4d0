// Every read and write of sent documents, in Kysely that runs the same on SQLite and PostgreSQL. A document is written
// in the same transaction as the post it comes with (messages/messageRepository.ts calls insertDocuments), so a
// thread never shows a file that is not recorded nor records one it did not take.
import type { Kysely, Selectable, Transaction } from 'kysely'

import type { Database, MessageDocumentsTable } from '../db/schema'
import type { CheckedUpload, DocumentStatus, SentDocument } from './documentRecord'
import type { DocumentType } from './documentType'

const iso = (date: Date) => date.toISOString()

function documentFromRow(row: Selectable<MessageDocumentsTable>): SentDocument {
  return {
    id: row.id,
    threadId: row.thread_id,
    participantId: row.participant_id,
    caseId: row.case_id,
    eventId: row.event_id,
    storageName: row.storage_name,
    name: row.original_name,
    type: row.content_type as DocumentType,
    sizeBytes: row.size_bytes,
    status: row.status,
    declineReason: row.decline_reason,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at === null ? null : new Date(row.reviewed_at),
    createdAt: new Date(row.created_at),
  }
}

export interface NewDocuments {
  threadId: number
  participantId: number
  caseId: number | null
  /** The document request they answer, or null. */
  eventId: number | null
  uploads: readonly CheckedUpload[]
  createdAt: Date
}

/** The key that lets one answer stand per document request (its unique index refuses a second). */
export const answerKeyOf = (eventId: number) => `event:${eventId}`

/** Inside the caller's transaction: the documents of one post. */
export async function insertDocuments(trx: Transaction<Database>, values: NewDocuments): Promise<void> {
  if (values.uploads.length === 0) return
  await trx
    .insertInto('message_documents')
    .values(
      values.uploads.map((upload, index) => ({
        thread_id: values.threadId,
        participant_id: values.participantId,
        case_id: values.caseId,
        event_id: values.eventId,
        storage_name: upload.storageName,
        original_name: upload.name,
        content_type: upload.type,
        size_bytes: upload.sizeBytes,
        status: 'received' as const,
        // One key per answer, on its first file: the unique index then refuses a second answer to the same request.
        answer_key: values.eventId !== null && index === 0 ? answerKeyOf(values.eventId) : null,
        created_at: iso(values.createdAt),
      })),
    )
    .execute()
}

/** A document request a parent may answer: the case's own, or one addressed to them, on a case where they are a parent. */
export interface DocumentRequestRow {
  eventId: number
  caseId: number
  topic: string
  dueDate: string
}

export function createDocumentRepository(db: Kysely<Database>) {
  return {
    async listForThread(threadId: number): Promise<SentDocument[]> {
      const rows = await db.selectFrom('message_documents').selectAll().where('thread_id', '=', threadId).orderBy('id').execute()
      return rows.map(documentFromRow)
    },

    async findById(id: number): Promise<SentDocument | undefined> {
      const row = await db.selectFrom('message_documents').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? documentFromRow(row) : undefined
    },

    /** The document only if it is on this parent's own thread: anyone else's is not found. */
    async findForParent(threadId: number, documentId: number, participantId: number): Promise<SentDocument | undefined> {
      const row = await db
        .selectFrom('message_documents')
        .innerJoin('message_threads', 'message_threads.id', 'message_documents.thread_id')
        .selectAll('message_documents')
        .where('message_documents.id', '=', documentId)
        .where('message_documents.thread_id', '=', threadId)
        .where('message_threads.participant_id', '=', participantId)
        .executeTakeFirst()
      return row ? documentFromRow(row) : undefined
    },

    /** Requests on the parent's cases addressed to them or to the case, still asked for by the case system. */
    async requestsForParent(participantId: number, eventId?: number): Promise<DocumentRequestRow[]> {
      let query = db
        .selectFrom('events')
        .innerJoin('case_roles', (join) => join.onRef('case_roles.case_id', '=', 'events.case_id').on('case_roles.participant_id', '=', participantId))
        .select(['events.id', 'events.case_id', 'events.topic', 'events.scheduled_for'])
        .where('events.kind', '=', 'document_request')
        .where('events.status', '=', 'requested')
        .where('case_roles.role', 'in', ['paying', 'receiving'])
        .where((eb) => eb.or([eb('events.participant_id', 'is', null), eb('events.participant_id', '=', participantId)]))
      if (eventId !== undefined) query = query.where('events.id', '=', eventId)
      const rows = await query.orderBy('events.scheduled_for').orderBy('events.id').execute()
      // A parent with both roles on one case would be listed twice.
      const seen = new Set<number>()
      return rows
        .filter((row) => !seen.has(row.id) && seen.add(row.id))
        .map((row) => ({ eventId: row.id, caseId: row.case_id, topic: row.topic, dueDate: row.scheduled_for.slice(0, 10) }))
    },

    /** Every document a parent sent in answer to the given requests, newest first. */
    async answersTo(eventIds: readonly number[], participantId: number): Promise<SentDocument[]> {
      if (eventIds.length === 0) return []
      const rows = await db
        .selectFrom('message_documents')
        .selectAll()
        .where('event_id', 'in', [...eventIds])
        .where('participant_id', '=', participantId)
        .orderBy('id', 'desc')
        .execute()
      return rows.map(documentFromRow)
    },

    /** Whether a request already has an answer that stands: sent, and none of its files declined. */
    async hasStandingAnswer(eventId: number): Promise<boolean> {
      const row = await db.selectFrom('message_documents').select('id').where('answer_key', '=', answerKeyOf(eventId)).executeTakeFirst()
      return row !== undefined
    },

    /**
     * Accepts or declines a received document, only while its thread is claimed by this representative: one
     * conditional UPDATE, so two representatives (or two clicks) cannot both decide.
     */
    review(args: { id: number; staffId: number; decision: Exclude<DocumentStatus, 'received'>; reason: string | null; now: Date }): Promise<SentDocument | undefined> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('message_documents')
          .set({ status: args.decision, decline_reason: args.decision === 'declined' ? args.reason : null, reviewed_by: args.staffId, reviewed_at: iso(args.now) })
          .where('id', '=', args.id)
          .where('status', '=', 'received')
          .where('thread_id', 'in', (eb) =>
            eb.selectFrom('message_threads').select('id').where('status', '=', 'claimed').where('claimed_by', '=', args.staffId),
          )
          .returningAll()
          .executeTakeFirst()
        // A declined file lets go of its answer's request, so the parent can send the document again.
        if (row && args.decision === 'declined' && row.event_id !== null)
          await trx.updateTable('message_documents').set({ answer_key: null }).where('thread_id', '=', row.thread_id).where('event_id', '=', row.event_id).execute()
        return row ? documentFromRow(row) : undefined
      })
    },
  }
}

export type DocumentRepository = ReturnType<typeof createDocumentRepository>
