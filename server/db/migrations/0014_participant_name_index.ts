import { type Kysely, type Migration, sql } from 'kysely'

import type { SqlDialect } from '../dialect'

// Staff find a case by a parent's name (issue 12): an index on the lower-cased last and first names, which both
// SQLite and PostgreSQL build on expressions, keeps that search on an index at a million cases.

type Schema = Kysely<unknown>

export function participantNameIndexSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await sql`create index participants_lower_name on participants (lower(last_name), lower(first_name))`.execute(db)
    },
    async down(db: Schema) {
      await sql`drop index if exists participants_lower_name`.execute(db)
    },
  }
}
