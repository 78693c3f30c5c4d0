import { type Kysely, type Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// "Call now" rings the representative's own phone first, so staff gain a phone number (E.164). It is nullable:
// a representative without one simply cannot use the button, and existing rows need no back-fill. Adding a
// nullable column is written the same way on SQLite and PostgreSQL.

type Schema = Kysely<unknown>

export function staffPhoneSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await db.schema.alterTable('staff').addColumn('phone', 'text').execute()
    },

    async down(db: Schema) {
      await db.schema.alterTable('staff').dropColumn('phone').execute()
    },
  }
}
