import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'
import { withAutoIncrementId } from './tableHelpers'

// What parents answer to our texts, and what Twilio reports of each text's delivery (issue 14).
// - text_keyword_events: every STOP, START and HELP (and PARA, COMENZAR, AYUDA) received, with the number and when,
//   kept as the record of consent withdrawn and given again; text_opt_outs (0011) holds only the current state.
// - alert_outbox.delivery_status: Twilio's last word on a sent text (delivered, undelivered, failed), found by its
//   message SID, for the supervisor's delivery figures.

type Schema = Kysely<unknown>

export function textKeywordsSchema(dialect: SqlDialect): Migration {
  const autoIncrementId = (table: ReturnType<Schema['schema']['createTable']>) => withAutoIncrementId(dialect, table)

  return {
    async up(db: Schema) {
      await autoIncrementId(db.schema.createTable('text_keyword_events'))
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('keyword', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('message_sid', 'text', (c) => c.notNull().unique())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('text_keyword_events_phone').on('text_keyword_events').columns(['phone', 'received_at']).execute()

      await db.schema.alterTable('alert_outbox').addColumn('delivery_status', 'text').execute()
      await db.schema.alterTable('alert_outbox').addColumn('delivery_updated_at', 'text').execute()
      await db.schema.createIndex('alert_outbox_provider').on('alert_outbox').column('provider_id').execute()
    },

    async down(db: Schema) {
      await db.schema.dropIndex('alert_outbox_provider').ifExists().execute()
      await db.schema.alterTable('alert_outbox').dropColumn('delivery_updated_at').execute()
      await db.schema.alterTable('alert_outbox').dropColumn('delivery_status').execute()
      await db.schema.dropTable('text_keyword_events').ifExists().execute()
    },
  }
}
