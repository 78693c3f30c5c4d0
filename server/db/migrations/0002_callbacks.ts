import { type Kysely, type Migration, sql } from 'kysely'

import type { SqlDialect } from '../dialect'

// Callback requests: at most one pending request per parent, case and topic, kept by the database so that two
// requests at once (a double submit, the web and the phone together, two app processes) cannot both get in.
// A request with no case counts as case 0, since both dialects treat NULLs in a unique index as distinct.
// Partial and expression indexes are written the same way on SQLite (3.9+) and PostgreSQL.

type Schema = Kysely<unknown>

export function callbacksSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await sql`create unique index callbacks_one_pending_request
        on callbacks (participant_id, coalesce(case_id, 0), topic)
        where participant_id is not null and status in ('open', 'claimed')`.execute(db)
      // The representative's view of a case lists its earlier requests; the supervisor reads a period.
      await db.schema.createIndex('callbacks_case').on('callbacks').columns(['case_id', 'created_at']).execute()
      await db.schema.createIndex('callbacks_created').on('callbacks').column('created_at').execute()
    },

    async down(db: Schema) {
      for (const index of ['callbacks_created', 'callbacks_case', 'callbacks_one_pending_request']) {
        await db.schema.dropIndex(index).ifExists().execute()
      }
    },
  }
}
