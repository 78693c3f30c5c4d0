// "We need a document from you": raised when the case system's intake takes a document request, in the intake's
// transaction, to the parent the request names (or both parents when it names the case). A request whose due date has
// already passed is history the case system is catching up on, not news, and raises nothing.
import type { Kysely, Transaction } from 'kysely'

import { agencyDateOf } from '../clock'
import type { Database } from '../db/schema'
import type { AlertChannel } from './alertChannels'
import { raiseCaseAlert } from './caseEventAlerts'

export async function raiseDocumentRequestAlert(
  trx: Transaction<Database> | Kysely<Database>,
  eventId: number,
  channels: readonly AlertChannel[],
  now: Date,
): Promise<number> {
  if (channels.length === 0) return 0
  const event = await trx.selectFrom('events').select(['case_id', 'participant_id', 'kind', 'scheduled_for', 'status']).where('id', '=', eventId).executeTakeFirst()
  if (!event || event.kind !== 'document_request' || event.status !== 'requested') return 0
  if (event.scheduled_for.slice(0, 10) < agencyDateOf(now)) return 0
  return raiseCaseAlert(
    trx,
    { caseId: event.case_id, role: 'parents', participantId: event.participant_id, kind: 'document_requested', eventKey: `document_requested:event:${eventId}` },
    channels,
    now,
  )
}
