import { type AlertLinks, wordAlert } from '../../server/alerts/alertWording'
import { createI18n, translatorFor } from '../../server/i18n'
import { createIntakeService } from '../../server/intake/intakeService'
import { callbackServiceOn, seedCallbackWorld, settableClock } from '../callbacks/callbackFixtures'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

// The alerts raised when something happens (issue 14), on both databases: a document the case system asks for, in the
// intake's transaction, to the parent it names or to both; a callback request closed without reaching the parent, with
// the way to ask again. And the words of every new kind: the case's last four digits and a link, never an amount, a
// name or an address, and nothing of the case for a parent the agency protects.

let database: TestDatabase
let world: Awaited<ReturnType<typeof seedCallbackWorld>>
const stamp = '2026-01-01T00:00:00.000Z'
const clock = settableClock('2026-12-02T18:00:00Z')

beforeAll(async () => {
  database = await createTestDatabase()
  world = await seedCallbackWorld(database)
  await database.db.updateTable('participants').set({ family_violence: 1 }).where('id', '=', world.receiver).execute()
  // The intake names a parent by a ten-digit PAR ID.
  await database.db.updateTable('participants').set({ par_id: '4000000901' }).where('id', '=', world.payer).execute()
  for (const [participantId, destination] of [[world.payer, 'payer@example.com'], [world.receiver, 'receiver@example.com']] as const) {
    await database.db
      .insertInto('alert_destinations')
      .values({
        participant_id: participantId, channel: 'email', destination, language: 'en', secret_hash: null, secret_expires_at: null,
        consent_words: 'consent', consent_at: stamp, confirmed_at: stamp, updated_at: stamp,
      })
      .execute()
  }
})
afterAll(() => database.close())
beforeEach(async () => {
  await database.db.deleteFrom('alert_outbox').execute()
})

const outbox = async () =>
  (await database.db.selectFrom('alert_outbox').select(['participant_id', 'kind', 'details']).orderBy('participant_id').execute()).map((row) => ({
    participantId: row.participant_id, kind: row.kind, details: JSON.parse(row.details) as Record<string, string>,
  }))

describe('a document asked for, through the intake', () => {
  const intake = () => createIntakeService({ db: database.db, clock, alertChannels: ['email'], ssnHmacKey: 'test-ssn-hmac-key' })
  const caseNumber = async () => (await database.db.selectFrom('cases').select('case_number').where('id', '=', world.caseA).executeTakeFirstOrThrow()).case_number
  const request = async (id: string, extra: Record<string, unknown> = {}) => ({
    type: 'event', id, caseNumber: await caseNumber(), kind: 'document_request', scheduledFor: '2026-12-20', topic: 'income proof', status: 'requested', ...extra,
  })

  it('alerts both parents of the case once, the protected one without the case number', async () => {
    const document = await request('DOC-1')
    expect(await intake().take('casesystem', document)).toMatchObject({ outcome: 'taken' })
    expect(await intake().take('casesystem', document)).toMatchObject({ outcome: 'unchanged' })
    const ending = (await caseNumber()).slice(-4)
    expect(await outbox()).toEqual([
      { participantId: world.payer, kind: 'document_requested', details: { caseEnding: ending } },
      { participantId: world.receiver, kind: 'document_requested', details: { protected: 'yes' } },
    ].sort((a, b) => a.participantId - b.participantId))
  })

  it('alerts only the parent it names, and nobody for a request already past its due date or a hearing', async () => {
    expect(await intake().take('casesystem', await request('DOC-2', { parId: '4000000901' }))).toMatchObject({ outcome: 'taken' })
    expect((await outbox()).map((row) => row.participantId)).toEqual([world.payer])
    await database.db.deleteFrom('alert_outbox').execute()
    await intake().take('casesystem', await request('DOC-3', { scheduledFor: '2026-11-20' }))
    await intake().take('casesystem', await request('HRG-1', { kind: 'hearing', scheduledFor: '2026-12-20T17:00:00Z', status: 'scheduled' }))
    expect(await outbox()).toEqual([])
  })
})

describe('a callback missed', () => {
  it('alerts the parent once the request closes without reaching them, not on a retry still to come', async () => {
    const callbacks = callbackServiceOn(database, clock, { alertChannels: ['email'] })
    const { callback } = await callbacks.requestCallback({
      principal: { kind: 'parent', participantId: world.payer }, caseId: world.caseA, phone: '916-555-0150', language: 'en',
      topic: 'payments', preferredWindow: 'morning', channel: 'web',
    })
    await database.db.deleteFrom('alert_outbox').execute() // "we have your request"
    for (let attempt = 1; attempt <= 3; attempt++) {
      await database.db.updateTable('callbacks').set({ next_attempt_after: null }).where('id', '=', callback.id).execute()
      expect((await callbacks.claim(callback.id, world.repBilingual)).ok).toBe(true)
      expect((await callbacks.recordAttempt(callback.id, world.repBilingual, 'no_answer')).ok).toBe(true)
      expect((await outbox()).length).toBe(attempt < 3 ? 0 : 1)
    }
    expect(await outbox()).toEqual([{ participantId: world.payer, kind: 'callback_missed', details: {} }])
  })
})

describe.each(['en', 'es'] as const)('the words, in %s', (language) => {
  const t = translatorFor(createI18n(), language)
  const links: AlertLinks = {
    signIn: 'https://portal.example/sign-in', settings: 'https://portal.example/account/details', alertSettings: 'https://portal.example/account/alerts',
    requestCallback: 'https://portal.example/account/callbacks/new', agencyPhone: '(866) 555-0100',
  }
  const kinds = ['payment_due_soon', 'payment_missing', 'appointment_coming', 'document_requested'] as const

  it.each(kinds)('%s: the last four digits and the sign-in link; protected, neither digits nor what it is about', (kind) => {
    const words = wordAlert(t, kind, { caseEnding: '4821' }, links)
    expect(words.text).toContain('4821')
    expect(words.text).toContain(links.signIn)
    expect(words.emailSubject).not.toMatch(/\d|\$|\{\{/)
    for (const text of Object.values(words)) expect(text).not.toMatch(/\$|\{\{|Test|Tester/)
    const guarded = wordAlert(t, kind, { protected: 'yes' }, links)
    for (const text of Object.values(guarded)) expect(text).not.toMatch(/4821|\{\{/)
    expect(guarded.text).toBe(wordAlert(t, 'payment_posted', { protected: 'yes' }, links).text)
  })

  it('a hearing is called a hearing, an appointment an appointment', () => {
    const hearing = wordAlert(t, 'appointment_coming', { caseEnding: '4821', variant: 'hearing' }, links)
    const appointment = wordAlert(t, 'appointment_coming', { caseEnding: '4821' }, links)
    expect(hearing.text).not.toBe(appointment.text)
    expect(hearing.emailSubject).not.toBe(appointment.emailSubject)
  })

  it('a callback missed gives the way to ask again: the callback form and the phone number', () => {
    const words = wordAlert(t, 'callback_missed', {}, links)
    expect(words.text).toContain(links.requestCallback)
    expect(words.text).toContain(links.agencyPhone)
    expect(words.emailText).toContain(links.requestCallback)
  })
})
