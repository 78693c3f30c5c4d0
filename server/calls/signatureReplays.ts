import { createHash } from 'node:crypto'

import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Database } from '../db/schema'

// The phone line's memory of signed webhooks already answered. A Twilio signature proves who sent a request, not
// that it is new: a captured request would pass the check again. Every honest request is signed differently (each
// answer's step URLs carry a fresh nonce), so a signature seen twice is a replay. One insert decides, under the
// table's primary key, so a replay racing its original on another process loses too.

/** Longer than the longest call Twilio allows (4 hours); a replay after that finds its call ended, and changes nothing. */
export const signatureKeptMs = 6 * 60 * 60 * 1000
/** Expired rows are cleared now and then, not on every webhook. */
const pruneEvery = 200

export function createSignatureReplayStore(deps: { db: Kysely<Database>; clock: Clock }) {
  let sinceLastPrune = 0
  return {
    /** Records the signature; false when it was recorded before and has not expired: the request is a replay. */
    async firstUse(signature: string): Promise<boolean> {
      const now = deps.clock.now()
      const digest = createHash('sha256').update(signature).digest('hex')
      const expiresAt = new Date(now.getTime() + signatureKeptMs).toISOString()
      const result = await deps.db
        .insertInto('twilio_signatures')
        .values({ digest, expires_at: expiresAt })
        .onConflict((oc) => oc.column('digest').doUpdateSet({ expires_at: expiresAt }).where('twilio_signatures.expires_at', '<=', now.toISOString()))
        .executeTakeFirst()
      if (++sinceLastPrune >= pruneEvery) {
        sinceLastPrune = 0
        await deps.db.deleteFrom('twilio_signatures').where('expires_at', '<=', now.toISOString()).execute()
      }
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    },
  }
}

export type SignatureReplayStore = ReturnType<typeof createSignatureReplayStore>
