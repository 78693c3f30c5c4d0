import { type Kysely, type Migration, sql } from 'kysely'

import type { SqlDialect } from '../dialect'

// The case system's own records through intake (issue 14): participants, cases and their roles, orders and enforcement
// changes. A participant belongs to no case, so the record of a taken id may name no case; and it names the row it
// wrote (the participant, the order, the enforcement action), as 0013 named the ledger entry and the event.
// PostgreSQL drops the NOT NULL in place; SQLite cannot, so its table is rebuilt with the same rows (nothing refers to
// intake_records, so the rebuild is safe).

type Schema = Kysely<unknown>

export function intakeCaseRecordsSchema(dialect: SqlDialect): Migration {
  const addTargets = async (db: Schema, table: string) => {
    await db.schema.alterTable(table).addColumn('participant_id', 'integer', (c) => c.references('participants.id')).execute()
    await db.schema.alterTable(table).addColumn('order_id', 'integer', (c) => c.references('orders.id')).execute()
    await db.schema.alterTable(table).addColumn('enforcement_id', 'integer', (c) => c.references('enforcement.id')).execute()
  }
  return {
    async up(db: Schema) {
      if (dialect === 'postgres') {
        await db.schema.alterTable('intake_records').alterColumn('case_id', (c) => c.dropNotNull()).execute()
        await addTargets(db, 'intake_records')
        return
      }
      await db.schema
        .createTable('intake_records_new')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
        .addColumn('ledger_id', 'integer', (c) => c.references('ledger.id'))
        .addColumn('event_id', 'integer', (c) => c.references('events.id'))
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('intake_records_pk', ['source', 'external_id'])
        .execute()
      await addTargets(db, 'intake_records_new')
      await sql`INSERT INTO intake_records_new (source, external_id, type, digest, case_id, ledger_id, event_id, taken_at)
        SELECT source, external_id, type, digest, case_id, ledger_id, event_id, taken_at FROM intake_records`.execute(db)
      await db.schema.dropTable('intake_records').execute()
      await db.schema.alterTable('intake_records_new').renameTo('intake_records').execute()
      await db.schema.createIndex('intake_records_case').on('intake_records').columns(['case_id', 'taken_at']).execute()
    },

    async down(db: Schema) {
      for (const column of ['enforcement_id', 'order_id', 'participant_id']) {
        await db.schema.alterTable('intake_records').dropColumn(column).execute()
      }
    },
  }
}
