// Every read and write of the alert outbox (migration 0011), in Kysely that runs the same on SQLite and PostgreSQL.
// An alert is written with the event that raises it, in the event's transaction (`enqueue` takes that transaction);
// the delivery worker then claims the rows that are due with one conditional UPDATE, so two workers, in one process or
// in two, never hold the same row: on PostgreSQL the candidates are chosen FOR UPDATE SKIP LOCKED, and SQLite has one
// writer at a time.
import { randomUUID } from 'node:crypto'

import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely'

import type { SqlDialect } from '../db/dialect'
import type { AlertOutboxTable, Database } from '../db/schema'
import { type AlertChannel, alertChannels as alertChannelsInOrder } from './alertChannels'
import type { AlertKind } from './alertKinds'

export interface NewAlert {
  participantId: number
  channel: AlertChannel
  kind: AlertKind
  language: 'en' | 'es'
  destination: string
  details: Record<string, string>
  /** One alert per key: the event's own identity and the channel. */
  dedupeKey: string
}

export interface OutboxAlert {
  id: number
  participantId: number
  channel: AlertChannel
  kind: AlertKind
  language: 'en' | 'es'
  destination: string
  details: Record<string, string>
  attempts: number
  claimToken: string
  /** This row was claimed before and its claim lapsed: the last run stopped between the send and its record. */
  interrupted: boolean
}

export type AlertStatus = AlertOutboxTable['status']

export interface SentAlert {
  kind: AlertKind
  channel: AlertChannel
  status: AlertStatus
  /** Twilio's last word on a sent text (delivered, undelivered, failed); null for an email or before it reports. */
  deliveryStatus: string | null
  createdAt: string
  sentAt: string | null
}

/** What became of the alerts of one channel raised in a period, for the supervisor. */
export interface ChannelDeliveryFigures {
  channel: AlertChannel
  raised: number
  /** Handed to Twilio or the mail relay. */
  sent: number
  /** Confirmed by the carrier (texts only: email has no such report). */
  delivered: number
  /** Given up by the worker, or reported undelivered or failed by the carrier. */
  failed: number
  /** Not sent because the number replied STOP. */
  stopped: number
  /** Still waiting: quiet hours, the daily cap, a retry. */
  waiting: number
}

type Row = Selectable<AlertOutboxTable>

const iso = (at: Date) => at.toISOString()
const interruptedMark = 'interrupted'

function toAlert(row: Row, claimToken: string, interrupted: boolean): OutboxAlert {
  return {
    id: row.id,
    participantId: row.participant_id,
    channel: row.channel,
    kind: row.kind as AlertKind,
    language: row.language,
    destination: row.destination,
    details: JSON.parse(row.details) as Record<string, string>,
    attempts: row.attempts,
    claimToken,
    interrupted,
  }
}

/** Writes an alert in the caller's transaction; a second alert with the same key is ignored (never sent twice). */
export async function enqueueAlert(trx: Transaction<Database> | Kysely<Database>, alert: NewAlert, now: Date): Promise<void> {
  await trx
    .insertInto('alert_outbox')
    .values({
      participant_id: alert.participantId,
      channel: alert.channel,
      kind: alert.kind,
      language: alert.language,
      destination: alert.destination,
      details: JSON.stringify(alert.details),
      dedupe_key: alert.dedupeKey,
      status: 'pending',
      next_attempt_at: iso(now),
      created_at: iso(now),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
}

export function alertOutbox(db: Kysely<Database>, dialect: SqlDialect) {
  /** Settles a claimed row, if this run still holds it. */
  const settle = (id: number, claimToken: string) =>
    db.updateTable('alert_outbox').where('id', '=', id).where('claim_token', '=', claimToken).where('status', '=', 'pending')

  return {
    /**
     * Claims up to `limit` pending alerts of these channels that are due, for `holdMs`. A row another run claimed and
     * did not settle within its hold is due again: that run died between sending and recording.
     */
    async claimDue(channels: readonly AlertChannel[], now: Date, limit: number, holdMs: number): Promise<OutboxAlert[]> {
      if (channels.length === 0) return []
      const claimToken = randomUUID()
      const claimable = (eb: ExpressionBuilder<Database, 'alert_outbox'>) =>
        eb.and([
          eb('status', '=', 'pending'),
          eb('next_attempt_at', '<=', iso(now)),
          eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', iso(now))]),
        ])
      let candidates = db
        .selectFrom('alert_outbox')
        .select('id')
        .where(claimable)
        .where('channel', 'in', [...channels])
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
      if (dialect === 'postgres') candidates = candidates.forUpdate().skipLocked()
      // One statement: the candidates are chosen and claimed together. A row that still carries a claim token was
      // claimed by a run that never settled it; it is marked, so the worker can log the possible repeat.
      // On PostgreSQL the candidates are a MATERIALIZED common table expression: as a plain `id IN (subquery)`, it may run
      // the locking subquery again for each row it updates, and one claim of 10 took every due row (50 of 50),
      // holding them all in one batch whose hold then lapsed while it was still being sent.
      const claimedRow = (eb: ExpressionBuilder<Database, 'alert_outbox'>) => ({
        claim_token: claimToken,
        claimed_until: iso(new Date(now.getTime() + holdMs)),
        attempts: eb('attempts', '+', 1),
        last_error: eb.case().when('claim_token', 'is not', null).then(interruptedMark).else(eb.ref('last_error')).end(),
      })
      // SQLite runs the plain subquery once (one writer, no row locks) and keeps it on the index.
      const rows =
        dialect === 'postgres'
          ? await db
              .with((cte) => cte('candidates').materialized(), () => candidates)
              .updateTable('alert_outbox')
              .set(claimedRow)
              .where('id', 'in', (eb) => eb.selectFrom('candidates').select('candidates.id'))
              .where(claimable)
              .returningAll()
              .execute()
          : await db.updateTable('alert_outbox').set(claimedRow).where('id', 'in', candidates).where(claimable).returningAll().execute()
      return rows.sort((a, b) => a.id - b.id).map((row) => toAlert(row, claimToken, row.last_error === interruptedMark))
    },

    /**
     * Holds the claim for another `holdMs`, just before a send, if this run still holds it: one conditional UPDATE on
     * the claim's token. A batch whose sends were slow (a stalled SMTP relay) can outlive its hold, and another worker
     * may then have claimed the alert afresh; its token has changed, nothing is renewed, and this run must not send.
     */
    async renewClaim(alert: OutboxAlert, now: Date, holdMs: number): Promise<boolean> {
      const result = await settle(alert.id, alert.claimToken).set({ claimed_until: iso(new Date(now.getTime() + holdMs)) }).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async markSent(alert: OutboxAlert, providerId: string, now: Date): Promise<void> {
      await settle(alert.id, alert.claimToken)
        .set({ status: 'sent', sent_at: iso(now), provider_id: providerId, claim_token: null, claimed_until: null, last_error: null })
        .execute()
    },

    /** Not now: quiet hours, the daily cap, or a failure worth another try. The claim is given back. */
    async holdUntil(alert: OutboxAlert, at: Date, reason: string | null, options: { countAttempt: boolean }): Promise<void> {
      await settle(alert.id, alert.claimToken)
        .set((eb) => ({
          next_attempt_at: iso(at),
          claim_token: null,
          claimed_until: null,
          last_error: reason,
          // A hold for quiet hours or the cap is not a failed try: the attempt the claim counted is given back.
          attempts: options.countAttempt ? eb.ref('attempts') : eb('attempts', '-', 1),
        }))
        .execute()
    },

    async markFailed(alert: OutboxAlert, reason: string): Promise<void> {
      await settle(alert.id, alert.claimToken).set({ status: 'failed', last_error: reason, claim_token: null, claimed_until: null }).execute()
    },

    /** The parent (or the number) asked for no more: the alert is not sent and never will be. */
    async markStopped(alert: OutboxAlert): Promise<void> {
      await settle(alert.id, alert.claimToken).set({ status: 'stopped', claim_token: null, claimed_until: null }).execute()
    },

    /** How many alerts went to this parent by this channel since `since`, for the daily cap. */
    async sentSince(participantId: number, channel: AlertChannel, since: Date): Promise<number> {
      const row = await db
        .selectFrom('alert_outbox')
        .select((eb) => eb.fn.countAll<number | string>().as('sent'))
        .where('participant_id', '=', participantId)
        .where('channel', '=', channel)
        .where('sent_at', '>=', iso(since))
        .executeTakeFirst()
      return Number(row?.sent ?? 0)
    },

    async isTextOptedOut(phone: string): Promise<boolean> {
      const row = await db.selectFrom('text_opt_outs').select('phone').where('phone', '=', phone).executeTakeFirst()
      return row !== undefined
    },

    /** What went to a parent lately, newest first, for the console's request page. */
    async recentFor(participantId: number, limit: number): Promise<SentAlert[]> {
      const rows = await db
        .selectFrom('alert_outbox')
        .select(['kind', 'channel', 'status', 'delivery_status', 'created_at', 'sent_at'])
        .where('participant_id', '=', participantId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => ({
        kind: row.kind as AlertKind, channel: row.channel, status: row.status, deliveryStatus: row.delivery_status, createdAt: row.created_at, sentAt: row.sent_at,
      }))
    },

    /** The supervisor's delivery figures for the alerts raised in [from, to), one row per channel, counted in the database. */
    async deliveryFigures(from: Date, to: Date): Promise<ChannelDeliveryFigures[]> {
      const rows = await db
        .selectFrom('alert_outbox')
        .select((eb) => ['channel', 'status', 'delivery_status', eb.fn.countAll<number | string>().as('alerts')])
        .where('created_at', '>=', iso(from))
        .where('created_at', '<', iso(to))
        .groupBy(['channel', 'status', 'delivery_status'])
        .execute()
      return alertChannelsInOrder.map((channel) => {
        const figures: ChannelDeliveryFigures = { channel, raised: 0, sent: 0, delivered: 0, failed: 0, stopped: 0, waiting: 0 }
        for (const row of rows.filter((r) => r.channel === channel)) {
          const count = Number(row.alerts)
          figures.raised += count
          if (row.status === 'sent') figures.sent += count
          if (row.status === 'sent' && row.delivery_status === 'delivered') figures.delivered += count
          if (row.status === 'failed' || (row.status === 'sent' && (row.delivery_status === 'undelivered' || row.delivery_status === 'failed'))) figures.failed += count
          if (row.status === 'stopped') figures.stopped += count
          if (row.status === 'pending') figures.waiting += count
        }
        return figures
      })
    },
  }
}

export type AlertOutbox = ReturnType<typeof alertOutbox>
