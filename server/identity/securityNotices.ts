import type { Kysely } from 'kysely'

import type { AlertChannel } from '../alerts/alertChannels'
import { raiseAlert } from '../alerts/raiseAlert'
import type { Database } from '../db/schema'

// "Someone tried to activate or reset your account with details that did not match." Failed identity facts no
// longer lock anyone (both parents on a case know its number); instead the parents the identifier names are told.
// The notice waits in the database, and the parent sees it on their dashboard at their next sign-in; where we have a
// mobile number or an email for them, the first attempt also raises an alert, in the same transaction, which the
// alert outbox delivers. One unseen notice per parent and kind gathers every attempt: the upsert on the partial
// unique index counts simultaneous attempts without losing any, and the alert is keyed by the notice, so a burst of
// failed attempts sends one text and one email, not one per attempt (nobody can flood a parent's phone this way).

export interface SecurityNotice {
  kind: 'failed_identity_check'
  attempts: number
  firstAt: string
  lastAt: string
}

export function securityNoticeRepository(db: Kysely<Database>, alertChannels: readonly AlertChannel[] = []) {
  return {
    async recordFailedIdentityCheck(participantId: number, at: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const notice = await trx
          .insertInto('security_notices')
          .values({ participant_id: participantId, kind: 'failed_identity_check', first_at: at, last_at: at })
          .onConflict((oc) =>
            oc
              .columns(['participant_id', 'kind'])
              .where('seen_at', 'is', null)
              .doUpdateSet((eb) => ({ attempts: eb('security_notices.attempts', '+', 1), last_at: at })),
          )
          .returning('id')
          .executeTakeFirstOrThrow()
        const event = { participantId, kind: 'security_notice' as const, eventKey: `security_notice:${notice.id}`, details: {} }
        await raiseAlert(trx, event, alertChannels, new Date(at))
      })
    },

    /**
     * The notices to show in a session that began at `signedInAt`: those not yet seen, which are now marked seen, and
     * those first seen during this session, so the dashboard keeps showing them until the parent signs out.
     */
    async forSession(participantId: number, signedInAt: string, now: string): Promise<SecurityNotice[]> {
      // Every dashboard view asks; nearly always there is nothing unseen, so the notices are read first and marked
      // seen (a write) only when one is new (security_notices_participant: participant_id, seen_at).
      const read = () =>
        db
          .selectFrom('security_notices')
          .select(['kind', 'attempts', 'first_at as firstAt', 'last_at as lastAt', 'seen_at'])
          .where('participant_id', '=', participantId)
          .where((eb) => eb.or([eb('seen_at', 'is', null), eb('seen_at', '>=', signedInAt)]))
          .orderBy('last_at', 'desc')
          .execute()
      let rows = await read()
      if (rows.some((row) => row.seen_at === null)) {
        await db
          .updateTable('security_notices')
          .set({ seen_at: now })
          .where('participant_id', '=', participantId)
          .where('seen_at', 'is', null)
          .execute()
        rows = await read()
      }
      return rows.filter((row) => row.seen_at !== null && row.seen_at >= signedInAt).map(({ seen_at: _seen, ...notice }) => notice)
    },
  }
}
