// A parent's own contact details (mailing address, phones, email, employer, preferred language), read and changed
// by the parent. Every change is written to the audit trail in the same transaction, with the fields that changed
// and their values before and after, so the agency can always tell who changed what, when and through which door.
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Database } from '../db/schema'

export interface ContactDetails {
  addressLine1: string | null
  addressLine2: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  /** E.164, e.g. +19165550101. */
  phonePrimary: string | null
  phoneMobile: string | null
  email: string | null
  employerName: string | null
  language: 'en' | 'es'
}

export type ContactField = keyof ContactDetails

export const contactFields: readonly ContactField[] = [
  'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'phonePrimary', 'phoneMobile', 'email', 'employerName', 'language',
]

const columnOf = {
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  city: 'city',
  state: 'state',
  postalCode: 'postal_code',
  phonePrimary: 'phone_primary',
  phoneMobile: 'phone_mobile',
  email: 'email',
  employerName: 'employer_name',
  language: 'language',
} as const satisfies Record<ContactField, string>

/** Input the domain refuses even though a channel passed it; the channel's own validation should have caught it. */
export class ContactDetailsRejected extends Error {
  override readonly name = 'ContactDetailsRejected'
  constructor(readonly field: ContactField) {
    super(`contact details refused: ${field}`)
  }
}

const maxLength = 100

function checkDetails(details: ContactDetails): void {
  for (const field of contactFields) {
    const value = details[field]
    if (value !== null && (typeof value !== 'string' || value.length > maxLength || value !== value.trim())) {
      throw new ContactDetailsRejected(field)
    }
  }
  for (const field of ['phonePrimary', 'phoneMobile'] as const) {
    const phone = details[field]
    if (phone !== null && !/^\+1\d{10}$/.test(phone)) throw new ContactDetailsRejected(field)
  }
  if (details.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(details.email)) throw new ContactDetailsRejected('email')
  if (details.state !== null && !/^[A-Z]{2}$/.test(details.state)) throw new ContactDetailsRejected('state')
  if (details.language !== 'en' && details.language !== 'es') throw new ContactDetailsRejected('language')
}

export function createContactDetailsService(deps: { db: Kysely<Database>; clock: Clock }) {
  async function read(db: Kysely<Database>, participantId: number): Promise<ContactDetails | undefined> {
    const row = await db
      .selectFrom('participants')
      .select(contactFields.map((field) => `${columnOf[field]} as ${field}` as const))
      .where('id', '=', participantId)
      .executeTakeFirst()
    return row as ContactDetails | undefined
  }

  return {
    /** The parent's own details; undefined for an unknown participant. */
    get(participantId: number): Promise<ContactDetails | undefined> {
      return read(deps.db, participantId)
    },

    /**
     * Replaces the details with `details` and records which fields changed. Nothing is written (and nothing is
     * recorded) when nothing changed.
     */
    async update(participantId: number, details: ContactDetails, channel: 'web' | 'phone' | 'console'): Promise<{ changed: ContactField[] }> {
      checkDetails(details)
      return deps.db.transaction().execute(async (trx) => {
        const current = await read(trx, participantId)
        if (!current) throw new Error(`no participant ${participantId}`)
        const changed = contactFields.filter((field) => (current[field] ?? null) !== (details[field] ?? null))
        if (changed.length === 0) return { changed }
        const now = deps.clock.now().toISOString()
        const values = Object.fromEntries(changed.map((field) => [columnOf[field], details[field]]))
        await trx.updateTable('participants').set({ ...values, updated_at: now }).where('id', '=', participantId).execute()
        await trx
          .insertInto('audit_events')
          .values({
            occurred_at: now,
            actor_kind: 'parent',
            actor_id: participantId,
            case_id: null,
            action: 'participant.contact_details_changed',
            channel,
            details: JSON.stringify({
              fields: changed,
              before: Object.fromEntries(changed.map((field) => [field, current[field]])),
              after: Object.fromEntries(changed.map((field) => [field, details[field]])),
            }),
          })
          .execute()
        return { changed }
      })
    },
  }
}

export type ContactDetailsService = ReturnType<typeof createContactDetailsService>
