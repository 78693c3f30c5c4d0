import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// What the agency's case system has sent (issue 14). Each document carries the case system's own id; this table
// remembers, per source, every id taken with a digest of what it said, so a repeat is recognised and changes nothing,
// and the same id with other content is refused rather than silently taken twice or overwritten. The row it wrote
// (a ledger entry, an event) is named, so a payout can point at the payment it pays out.

type Schema = Kysely<unknown>

export function intakeSchema(dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await db.schema
        .createTable('intake_records')
        .addColumn('source', dialect === 'postgres' ? 'varchar(64)' : 'text', (c) => c.notNull())
        .addColumn('external_id', dialect === 'postgres' ? 'varchar(128)' : 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
        .addColumn('ledger_id', 'integer', (c) => c.references('ledger.id'))
        .addColumn('event_id', 'integer', (c) => c.references('events.id'))
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('intake_records_pk', ['source', 'external_id'])
        .execute()
      await db.schema.createIndex('intake_records_case').on('intake_records').columns(['case_id', 'taken_at']).execute()
    },

    async down(db: Schema) {
      await db.schema.dropTable('intake_records').ifExists().execute()
    },
  }
}
