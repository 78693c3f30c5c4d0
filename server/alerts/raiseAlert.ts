// Raising an alert: one outbox row per channel the parent can be reached by, written in the transaction of the event
// that raised it. The parent's language and destinations are read in that same transaction, so the alert goes where
// the parent's details said at the moment of the event.
import type { Kysely, Transaction } from 'kysely'

import type { Database } from '../db/schema'
import type { AlertChannel } from './alertChannels'
import type { AlertKind } from './alertKinds'
import { enqueueAlert } from './alertOutbox'
import { confirmedDestinationsFor } from './alertSettings'

export interface AlertEvent {
  participantId: number
  kind: AlertKind
  /** The event's own identity (e.g. `security_notice:17`): the same event never raises a second alert. */
  eventKey: string
  details: Record<string, string>
}

/** The outbox's key of an event's alert on a channel: one alert per event and channel, however often it is raised. */
export function outboxKeyOf(eventKey: string, channel: AlertChannel): string {
  return `${eventKey}:${channel}`
}

/**
 * Queues the event's alert on every channel that is set up here and open to it: for a security notice, the contacts on
 * the parent's record; for anything else, only the destinations the parent confirmed, unless they turned the kind off.
 */
export async function raiseAlert(
  trx: Transaction<Database> | Kysely<Database>,
  event: AlertEvent,
  channels: readonly AlertChannel[],
  now: Date,
): Promise<AlertChannel[]> {
  if (channels.length === 0) return []
  const parent = await trx
    .selectFrom('participants')
    .select(['phone_mobile', 'email', 'language'])
    .where('id', '=', event.participantId)
    .executeTakeFirst()
  if (!parent) return []
  const destinations: Partial<Record<AlertChannel, string | null>> =
    event.kind === 'security_notice'
      ? { text: parent.phone_mobile, email: parent.email }
      : Object.fromEntries(
          (await confirmedDestinationsFor(trx, event.participantId, event.kind)).map((row) => [row.channel, row.destination]),
        )
  const raised: AlertChannel[] = []
  for (const channel of channels) {
    const destination = destinations[channel]
    if (!destination) continue
    await enqueueAlert(
      trx,
      {
        participantId: event.participantId,
        channel,
        kind: event.kind,
        language: parent.language,
        destination,
        details: event.details,
        dedupeKey: outboxKeyOf(event.eventKey, channel),
      },
      now,
    )
    raised.push(channel)
  }
  return raised
}
