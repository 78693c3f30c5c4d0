import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'
import { withAutoIncrementId } from './tableHelpers'

// Alerts to parents by text and email (issues 11 and 14), delivered through an outbox: an alert is a row written in
// the same transaction as the event that raises it, and a delivery worker sends the rows that are due. So an alert is
// never lost to a crash between the event and the send, and a crash between the send and its record repeats at most
// that one message.
// - dedupe_key is unique: an event raises at most one alert per parent and channel, however often it is reported.
// - claim_token / claimed_until: which delivery run holds the row and until when; a row whose claim has lapsed was
//   interrupted mid-send and is taken again.
// - text_opt_outs: numbers that replied STOP (or PARA); nothing is texted to them until START (or COMENZAR).

type Schema = Kysely<unknown>

export function alertOutboxSchema(dialect: SqlDialect): Migration {
  const autoIncrementId = (table: ReturnType<Schema['schema']['createTable']>) => withAutoIncrementId(dialect, table)

  return {
    async up(db: Schema) {
      await autoIncrementId(db.schema.createTable('alert_outbox'))
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        /** JSON: what the words need (a case's last four digits, say); never an amount, a name or an address. */
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claim_token', 'text')
        .addColumn('claimed_until', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('provider_id', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('alert_outbox_due').on('alert_outbox').columns(['status', 'next_attempt_at']).execute()
      await db.schema.createIndex('alert_outbox_participant').on('alert_outbox').columns(['participant_id', 'channel', 'sent_at']).execute()

      await db.schema
        .createTable('text_opt_outs')
        .addColumn('phone', dialect === 'postgres' ? 'varchar(32)' : 'text', (c) => c.primaryKey())
        .addColumn('keyword', 'text', (c) => c.notNull())
        .addColumn('opted_out_at', 'text', (c) => c.notNull())
        .execute()
    },

    async down(db: Schema) {
      await db.schema.dropTable('text_opt_outs').ifExists().execute()
      await db.schema.dropTable('alert_outbox').ifExists().execute()
    },
  }
}
