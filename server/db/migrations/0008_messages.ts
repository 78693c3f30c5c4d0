import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// Written messages between a parent and the agency (issue 13). A thread is one work item of the queue, like a
// callback request: it carries the same columns the queue works by (status, due by, who holds the claim and since
// when), so that the representatives' queue, the service level and the supervisor's figures treat both alike.
// Posts are the thread's entries, the parent's and the representatives', oldest first.
// - parent_read_at / last_reply_at: a thread has an unread reply while the last reply is later than the parent's
//   last read; the dashboard and the phone line ask exactly that, on the participant's index.
// - kind: 'message' now; reported changes and document answers are other kinds of the same thread.

type Schema = Kysely<unknown>
type CreateTable = ReturnType<Schema['schema']['createTable']>

export function messagesSchema(dialect: SqlDialect): Migration {
  const autoIncrementId = (table: CreateTable) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'serial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())

  return {
    async up(db: Schema) {
      await autoIncrementId(db.schema.createTable('message_threads'))
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
        .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_by', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'integer', (c) => c.references('staff.id'))
        .addColumn('claimed_at', 'text')
        .addColumn('first_answered_at', 'text')
        .addColumn('last_reply_at', 'text')
        .addColumn('parent_read_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute()
      await db.schema.createIndex('message_threads_participant').on('message_threads').columns(['participant_id', 'updated_at']).execute()
      await db.schema.createIndex('message_threads_status_due').on('message_threads').columns(['status', 'due_by']).execute()
      await db.schema.createIndex('message_threads_case').on('message_threads').columns(['case_id', 'created_at']).execute()
      await db.schema.createIndex('message_threads_created').on('message_threads').column('created_at').execute()

      await autoIncrementId(db.schema.createTable('message_posts'))
        .addColumn('thread_id', 'integer', (c) => c.notNull().references('message_threads.id').onDelete('cascade'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        /** JSON: the structured fields of a reported change; null for a plain message. */
        .addColumn('fields', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('message_posts_thread').on('message_posts').columns(['thread_id', 'id']).execute()
    },

    async down(db: Schema) {
      await db.schema.dropTable('message_posts').ifExists().execute()
      await db.schema.dropTable('message_threads').ifExists().execute()
    },
  }
}
