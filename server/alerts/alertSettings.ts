// A parent's own choice of alerts: where they go (a mobile number, an email address) and about what. A destination
// is used only once the parent proves it is theirs: a six-digit code texted to the number, or a link emailed to the
// address. Codes and links are kept only as hashes; a code allows a few tries, counted in the database in the same
// statement that checks them, so tries sent at once cannot share one count.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

import type { Kysely, Transaction } from 'kysely'

import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import type { AlertChannel } from './alertChannels'
import { type ChoosableAlertKind, choosableAlertKinds } from './alertKinds'

export const CODE_DIGITS = 6
export const CODE_MINUTES = 10
export const CODE_TRIES = 5
export const EMAIL_LINK_HOURS = 24

export interface AlertDestination {
  channel: AlertChannel
  destination: string
  confirmed: boolean
  /** While a confirmation is pending: when its code or link stops working. */
  expiresAt: string | null
}

export interface AlertSettings {
  text: AlertDestination | null
  email: AlertDestination | null
  choices: Record<ChoosableAlertKind, boolean>
}

export type CodeCheck = 'confirmed' | 'wrong' | 'expired' | 'tooManyTries' | 'nothingPending'

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex')
const iso = (at: Date) => at.toISOString()

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}

export function createAlertSettings(deps: { db: Kysely<Database>; clock: Clock; channels?: readonly AlertChannel[] }) {
  const { db, clock } = deps
  const offered = deps.channels ?? []

  return {
    /**
     * True when this office sends alerts but the parent gets none: no confirmed destination on a channel it sends by,
     * or every kind turned off. The phone line then says so and that they can be turned on online.
     */
    async alertsOff(participantId: number): Promise<boolean> {
      if (offered.length === 0) return false
      const confirmed = await db
        .selectFrom('alert_destinations')
        .select('channel')
        .where('participant_id', '=', participantId)
        .where('confirmed_at', 'is not', null)
        .where('channel', 'in', [...offered])
        .execute()
      if (confirmed.length === 0) return true
      const off = await db
        .selectFrom('alert_choices')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('participant_id', '=', participantId)
        .where('enabled', '=', 0)
        .where('kind', 'in', [...choosableAlertKinds])
        .executeTakeFirst()
      return Number(off?.n ?? 0) >= choosableAlertKinds.length
    },

    async get(participantId: number): Promise<AlertSettings> {
      const [rows, choiceRows] = await Promise.all([
        db.selectFrom('alert_destinations').selectAll().where('participant_id', '=', participantId).execute(),
        db.selectFrom('alert_choices').select(['kind', 'enabled']).where('participant_id', '=', participantId).execute(),
      ])
      const destinationOf = (channel: AlertChannel): AlertDestination | null => {
        const row = rows.find((r) => r.channel === channel)
        if (!row) return null
        return { channel, destination: row.destination, confirmed: row.confirmed_at !== null, expiresAt: row.confirmed_at ? null : row.secret_expires_at }
      }
      const choices = Object.fromEntries(choosableAlertKinds.map((kind) => [kind, true])) as Record<ChoosableAlertKind, boolean>
      for (const row of choiceRows) if (row.kind in choices) choices[row.kind as ChoosableAlertKind] = row.enabled === 1
      return { text: destinationOf('text'), email: destinationOf('email'), choices }
    },

    /**
     * Starts confirming a destination, replacing whatever the parent had for that channel (a new number is unconfirmed
     * until its code comes back). Returns the secret to send: a six-digit code for a text, a link token for an email.
     * It exists only in this return value; the database keeps its hash.
     */
    async beginConfirmation(
      participantId: number,
      request: { channel: AlertChannel; destination: string; language: 'en' | 'es'; consentWords: string },
    ): Promise<{ secret: string; expiresAt: string }> {
      const now = clock.now()
      const secret =
        request.channel === 'text' ? String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0') : randomBytes(32).toString('base64url')
      const lifetimeMs = request.channel === 'text' ? CODE_MINUTES * 60_000 : EMAIL_LINK_HOURS * 3_600_000
      const expiresAt = iso(new Date(now.getTime() + lifetimeMs))
      const fields = {
        destination: request.destination,
        language: request.language,
        secret_hash: hashOf(secret),
        secret_expires_at: expiresAt,
        secret_attempts: 0,
        consent_words: request.consentWords,
        consent_at: iso(now),
        confirmed_at: null,
        updated_at: iso(now),
      }
      await db
        .insertInto('alert_destinations')
        .values({ participant_id: participantId, channel: request.channel, ...fields })
        .onConflict((oc) => oc.columns(['participant_id', 'channel']).doUpdateSet(fields))
        .execute()
      return { secret, expiresAt }
    },

    /** Drops a confirmation that could not be sent (the number cannot take texts): nothing is left of the attempt. */
    async forgetPending(participantId: number, channel: AlertChannel): Promise<void> {
      await db
        .deleteFrom('alert_destinations')
        .where('participant_id', '=', participantId)
        .where('channel', '=', channel)
        .where('confirmed_at', 'is', null)
        .execute()
    },

    /** Checks a texted code. Each try is counted before it is compared, in one statement. */
    async confirmCode(participantId: number, code: string): Promise<CodeCheck> {
      const now = iso(clock.now())
      const counted = await db
        .updateTable('alert_destinations')
        .set((eb) => ({ secret_attempts: eb('secret_attempts', '+', 1) }))
        .where('participant_id', '=', participantId)
        .where('channel', '=', 'text')
        .where('secret_hash', 'is not', null)
        .where('secret_attempts', '<', CODE_TRIES)
        .where('secret_expires_at', '>', now)
        .returning(['id', 'secret_hash'])
        .executeTakeFirst()
      if (!counted?.secret_hash) {
        const row = await db
          .selectFrom('alert_destinations')
          .select(['secret_hash', 'secret_attempts', 'secret_expires_at'])
          .where('participant_id', '=', participantId)
          .where('channel', '=', 'text')
          .executeTakeFirst()
        if (!row?.secret_hash) return 'nothingPending'
        return row.secret_attempts >= CODE_TRIES ? 'tooManyTries' : 'expired'
      }
      if (!sameHash(counted.secret_hash, hashOf(code))) return 'wrong'
      await db
        .updateTable('alert_destinations')
        .set({ confirmed_at: now, secret_hash: null, secret_expires_at: null, updated_at: now })
        .where('id', '=', counted.id)
        .where('secret_hash', '=', counted.secret_hash)
        .execute()
      return 'confirmed'
    },

    /** Confirms the email address whose link carried this token, if the link is still good. */
    async confirmEmailLink(token: string): Promise<{ participantId: number } | null> {
      const now = iso(clock.now())
      const confirmed = await db
        .updateTable('alert_destinations')
        .set({ confirmed_at: now, secret_hash: null, secret_expires_at: null, updated_at: now })
        .where('channel', '=', 'email')
        .where('secret_hash', '=', hashOf(token))
        .where('secret_expires_at', '>', now)
        .returning('participant_id')
        .executeTakeFirst()
      return confirmed ? { participantId: confirmed.participant_id } : null
    },

    async turnOff(participantId: number, channel: AlertChannel): Promise<void> {
      await db.deleteFrom('alert_destinations').where('participant_id', '=', participantId).where('channel', '=', channel).execute()
    },

    /** Sets every choosable kind on or off at once: the ones in `enabled` on, the rest off. */
    /** Turns each of the kinds `shown` on or off; a kind the parent was not shown (not their side) keeps its setting. */
    async setChoices(participantId: number, enabled: ReadonlySet<ChoosableAlertKind>, shown: readonly ChoosableAlertKind[] = choosableAlertKinds): Promise<void> {
      const now = iso(clock.now())
      await db.transaction().execute(async (trx) => {
        for (const kind of shown) {
          const value = enabled.has(kind) ? 1 : 0
          await trx
            .insertInto('alert_choices')
            .values({ participant_id: participantId, kind, enabled: value, updated_at: now })
            .onConflict((oc) => oc.columns(['participant_id', 'kind']).doUpdateSet({ enabled: value, updated_at: now }))
            .execute()
        }
      })
    },
  }
}

export type AlertSettingsService = ReturnType<typeof createAlertSettings>

/**
 * Where an alert of this kind may go for this parent: the destinations they confirmed, unless they turned the kind
 * off. Read in the raising event's transaction.
 */
export async function confirmedDestinationsFor(
  trx: Transaction<Database> | Kysely<Database>,
  participantId: number,
  kind: ChoosableAlertKind,
): Promise<{ channel: AlertChannel; destination: string }[]> {
  const choice = await trx
    .selectFrom('alert_choices')
    .select('enabled')
    .where('participant_id', '=', participantId)
    .where('kind', '=', kind)
    .executeTakeFirst()
  if (choice?.enabled === 0) return []
  const rows = await trx
    .selectFrom('alert_destinations')
    .select(['channel', 'destination'])
    .where('participant_id', '=', participantId)
    .where('confirmed_at', 'is not', null)
    .execute()
  return rows
}
