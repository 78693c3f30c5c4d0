import { fixedClock } from '../../server/clock'
import { type ContactDetails, ContactDetailsRejected, createContactDetailsService } from '../../server/identity/contactDetails'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

// A parent's own contact details: read, changed, and every change recorded in the same transaction.

const at = '2026-03-11T19:00:00.000Z'

describe('contact details', () => {
  let database: TestDatabase
  let participantId: number
  const service = () => createContactDetailsService({ db: database.db, clock: fixedClock(at) })

  beforeEach(async () => {
    database = await createTestDatabase()
    const inserted = await database.db
      .insertInto('participants')
      .values({
        par_id: '4019999901', first_name: 'Test', last_name: 'Parent', date_of_birth: '1990-01-01', ssn_hmac: 'digest', ssn_last4: '1234',
        phone_primary: '+19165550100', phone_mobile: null, email: null, language: 'en', address_line1: '1 Old Rd', address_line2: null,
        city: 'Sacramento', state: 'CA', postal_code: '95814', employer_name: null, household_income_cents: null, household_size: null,
        released_from_incarceration_on: null, created_at: at, updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    participantId = inserted.id
  })
  afterEach(() => database.close())

  const details = (change: Partial<ContactDetails> = {}): ContactDetails => ({
    addressLine1: '1 Old Rd', addressLine2: null, city: 'Sacramento', state: 'CA', postalCode: '95814',
    phonePrimary: '+19165550100', phoneMobile: null, email: null, employerName: null, language: 'en', ...change,
  })

  it('reads the details, and nothing for an unknown participant', async () => {
    expect(await service().get(participantId)).toEqual(details())
    expect(await service().get(participantId + 1000)).toBeUndefined()
  })

  it('changes only what differs and records it with the values before and after', async () => {
    const result = await service().update(participantId, details({ addressLine1: '2 New St', email: 'me@example.com', language: 'es' }), 'web')
    expect(result.changed).toEqual(['addressLine1', 'email', 'language'])
    expect(await service().get(participantId)).toEqual(details({ addressLine1: '2 New St', email: 'me@example.com', language: 'es' }))
    const rows = await database.db.selectFrom('audit_events').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ occurred_at: at, actor_kind: 'parent', actor_id: participantId, case_id: null, channel: 'web', action: 'participant.contact_details_changed' })
    expect(JSON.parse(rows[0]!.details!)).toEqual({
      fields: ['addressLine1', 'email', 'language'],
      before: { addressLine1: '1 Old Rd', email: null, language: 'en' },
      after: { addressLine1: '2 New St', email: 'me@example.com', language: 'es' },
    })
    const participant = await database.db.selectFrom('participants').select('updated_at').where('id', '=', participantId).executeTakeFirstOrThrow()
    expect(participant.updated_at).toBe(at)
  })

  it('writes and records nothing when nothing changed', async () => {
    expect((await service().update(participantId, details(), 'web')).changed).toEqual([])
    expect(await database.db.selectFrom('audit_events').selectAll().execute()).toHaveLength(0)
  })

  it.each([
    ['phonePrimary', { phonePrimary: '9165550100' }],
    ['phoneMobile', { phoneMobile: '+442079460958' }],
    ['email', { email: 'not an email' }],
    ['state', { state: 'California' }],
    ['language', { language: 'fr' as 'en' }],
    ['city', { city: 'x'.repeat(101) }],
    ['addressLine1', { addressLine1: ' padded ' }],
  ])('refuses a bad %s and changes nothing', async (field, change) => {
    await expect(service().update(participantId, details(change), 'web')).rejects.toEqual(new ContactDetailsRejected(field as keyof ContactDetails))
    expect(await service().get(participantId)).toEqual(details())
    expect(await database.db.selectFrom('audit_events').selectAll().execute()).toHaveLength(0)
  })
})
