import { type Kysely, type Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// Two guards for the phone line, each decided by one atomic statement so that webhooks arriving at once (two
// processes, a replay racing the original) cannot both pass:
// - calls.pin_attempts counts the PINs checked on a call, whatever path the caller took back to the PIN question;
//   it only ever goes up, by a conditional update that refuses the one past the limit.
// - twilio_signatures remembers each signed webhook seen, by a digest of its signature, until it expires: a second
//   request with the same signature is a replay. Its primary key makes the first insert the only winner.

type Schema = Kysely<unknown>

export function phoneGuardsSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await db.schema.alterTable('calls').addColumn('pin_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute()
      await db.schema
        .createTable('twilio_signatures')
        .addColumn('digest', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('twilio_signatures_expiry').on('twilio_signatures').column('expires_at').execute()
    },

    async down(db: Schema) {
      await db.schema.dropTable('twilio_signatures').execute()
      await db.schema.alterTable('calls').dropColumn('pin_attempts').execute()
    },
  }
}
