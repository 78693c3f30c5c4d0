import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'
import { withAutoIncrementId } from './tableHelpers'

// Documents a parent sends with a message or in answer to a document the agency asked for (issue 13). The file lives
// outside the web root under a random name (storage_name); this row says whose it is, what it is (by content), and
// what the agency made of it: received, accepted, or declined with a reason the parent reads.
// - event_id: the document request (events.kind = 'document_request') it answers, or null for a plain attachment.
// - answer_key: 'event:<id>' while the answer stands (received or accepted), null otherwise; its unique index lets the
//   database refuse a second answer to the same request on any number of processes. A declined answer lets go of
//   it, so the parent can send the document again.

type Schema = Kysely<unknown>

export function messageDocumentsSchema(dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await withAutoIncrementId(dialect, db.schema.createTable('message_documents'))
        .addColumn('thread_id', 'integer', (c) => c.notNull().references('message_threads.id').onDelete('cascade'))
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
        .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
        .addColumn('event_id', 'integer', (c) => c.references('events.id'))
        .addColumn('storage_name', 'text', (c) => c.notNull().unique())
        .addColumn('original_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decline_reason', 'text')
        .addColumn('reviewed_by', 'integer', (c) => c.references('staff.id'))
        .addColumn('reviewed_at', 'text')
        .addColumn('answer_key', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('message_documents_thread').on('message_documents').columns(['thread_id', 'id']).execute()
      await db.schema.createIndex('message_documents_event').on('message_documents').columns(['event_id', 'id']).execute()
      await db.schema.createIndex('message_documents_participant').on('message_documents').columns(['participant_id', 'id']).execute()
    },

    async down(db: Schema) {
      await db.schema.dropTable('message_documents').ifExists().execute()
    },
  }
}
