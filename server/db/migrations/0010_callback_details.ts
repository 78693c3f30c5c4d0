import { type Kysely, type Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// A callback request carries what the parent wrote under "Tell us more" (issue 12, item 8), so the representative
// who calls knows the question before dialling, "something else" included. Nullable: most requests (and every one
// made on the phone line) have none, and existing rows need no back-fill. The length is bounded by the domain's
// check (callbackRequest.ts), not by the column, the same way on SQLite and PostgreSQL.

type Schema = Kysely<unknown>

export function callbackDetailsSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await db.schema.alterTable('callbacks').addColumn('details', 'text').execute()
    },

    async down(db: Schema) {
      await db.schema.alterTable('callbacks').dropColumn('details').execute()
    },
  }
}
