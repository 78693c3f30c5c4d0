import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import { parentPrincipal } from '../db/sessionStore'

// A new password or PIN means the old one may be known to someone else: every session that parent holds ends,
// except the one making the change (when they are signed in). Sessions record their principal (migration 0006).

export async function endParentSessions(db: Kysely<Database>, participantId: number, keepSessionId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('principal', '=', parentPrincipal(participantId))
  if (keepSessionId) query = query.where('sid', '!=', keepSessionId)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}
