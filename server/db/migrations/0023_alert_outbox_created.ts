import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// The supervisor's alert delivery figures count the alerts raised in a period (issue 14): an index on when each was
// raised keeps that count on an index however long the outbox grows.

type Schema = Kysely<unknown>

export function alertOutboxCreatedSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await db.schema.createIndex('alert_outbox_created').on('alert_outbox').columns(['created_at', 'channel']).execute()
    },
    async down(db: Schema) {
      await db.schema.dropIndex('alert_outbox_created').ifExists().execute()
    },
  }
}
