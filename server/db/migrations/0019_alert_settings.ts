import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'
import { withAutoIncrementId } from './tableHelpers'

// A parent's own choice of alerts (issue 14).
// - alert_destinations: the mobile number and the email address a parent asked alerts to go to, one of each. Neither
//   is used until it is confirmed: a six-digit code texted to the number, a link emailed to the address. Only a hash
//   of the code or the link's token is kept, with its expiry and the tries made; consent_words and consent_at record
//   what the parent agreed to, in the words they were shown, and when.
// - alert_choices: an event type a parent turned off (or on again). No row means on.

type Schema = Kysely<unknown>

export function alertSettingsSchema(dialect: SqlDialect): Migration {
  const autoIncrementId = (table: ReturnType<Schema['schema']['createTable']>) => withAutoIncrementId(dialect, table)

  return {
    async up(db: Schema) {
      await autoIncrementId(db.schema.createTable('alert_destinations'))
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text')
        .addColumn('secret_expires_at', 'text')
        .addColumn('secret_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('consent_words', 'text', (c) => c.notNull())
        .addColumn('consent_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('alert_destinations_one_per_channel', ['participant_id', 'channel'])
        .execute()
      await db.schema.createIndex('alert_destinations_secret').on('alert_destinations').column('secret_hash').execute()

      await db.schema
        .createTable('alert_choices')
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_choices_pk', ['participant_id', 'kind'])
        .execute()
    },

    async down(db: Schema) {
      await db.schema.dropTable('alert_choices').ifExists().execute()
      await db.schema.dropTable('alert_destinations').ifExists().execute()
    },
  }
}
