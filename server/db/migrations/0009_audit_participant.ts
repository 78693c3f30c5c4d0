import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// Reads of what a parent wrote about no case in particular (issue 13: "every read of a message is in the audit
// trail") have no case to be filed under; they are filed under the parent instead. audit_events gains the parent
// a row is about, with its own index for reading one parent's trail newest first, as audit_events_case does for a case.

type Schema = Kysely<unknown>

export function auditParticipantSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await db.schema.alterTable('audit_events').addColumn('participant_id', 'integer').execute()
      await db.schema.createIndex('audit_events_participant').on('audit_events').columns(['participant_id', 'occurred_at']).execute()
    },

    async down(db: Schema) {
      await db.schema.dropIndex('audit_events_participant').ifExists().execute()
      await db.schema.alterTable('audit_events').dropColumn('participant_id').execute()
    },
  }
}
