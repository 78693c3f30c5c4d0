import { type Kysely, type Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// The phone line recognises a caller by the number Twilio reports, which may be a parent's primary or mobile
// number. The primary number had an index from the start; the mobile number gets one, so that looking a caller up
// costs the same at a million participants as at a hundred.

type Schema = Kysely<unknown>

export function participantMobileIndexSchema(_dialect: SqlDialect): Migration {
  return {
    async up(db: Schema) {
      await db.schema.createIndex('participants_phone_mobile').on('participants').column('phone_mobile').execute()
    },

    async down(db: Schema) {
      await db.schema.dropIndex('participants_phone_mobile').execute()
    },
  }
}
