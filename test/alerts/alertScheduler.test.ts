import { createAlertScheduler } from '../../server/alerts/alertScheduler'
import { raiseCaseAlert } from '../../server/alerts/caseEventAlerts'
import { agencyCalendar } from '../../server/callbacks/businessCalendar'
import type { Clock } from '../../server/clock'
import { type DatabaseHandle, openDatabase } from '../../server/db/connection'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent, movableClock } from '../identity/identityFixtures'

// The scheduler of the time-based alerts, on both databases, with an injected clock: each occasion raises one alert per
// parent and channel they confirmed, only to the parent it concerns, in protected words on a family-violence case;
// never during the texts' quiet hours; and a scan run twice, or two scans at once (on PostgreSQL from two connection
// pools, as two app processes would), still leaves one alert each.

let database: TestDatabase
let payer: number
let receiver: number
let protectedPayer: number
let paidPayer: number
let caseA: number

const stamp = '2026-01-01T00:00:00.000Z'

async function confirm(participantId: number, channel: 'text' | 'email', destination: string) {
  await database.db
    .insertInto('alert_destinations')
    .values({
      participant_id: participantId, channel, destination, language: 'es', secret_hash: null, secret_expires_at: null,
      consent_words: 'consent', consent_at: stamp, confirmed_at: stamp, updated_at: stamp,
    })
    .execute()
}

async function order(caseId: number) {
  await database.db.insertInto('orders').values({ case_id: caseId, kind: 'child', monthly_cents: 40_000, effective_from: '2025-01-01', effective_to: null, court_case_number: null }).execute()
}

async function ledger(caseId: number, kind: 'charge' | 'payment', postedOn: string) {
  await database.db
    .insertInto('ledger')
    .values({
      case_id: caseId, posted_on: postedOn, kind, bucket: kind === 'charge' ? 'current' : null, owed_to: kind === 'charge' ? 'family' : null,
      order_kind: kind === 'charge' ? 'child' : null, method: kind === 'payment' ? 'sdu_online' : null, amount_cents: 40_000,
      related_entry_id: null, reason: null, reference: null,
    })
    .execute()
}

async function event(caseId: number, kind: 'hearing' | 'appointment', at: string, participantId: number | null = null) {
  const { id } = await database.db
    .insertInto('events')
    .values({ case_id: caseId, participant_id: participantId, kind, scheduled_for: at, location: 'Room 1', topic: 'review', status: 'scheduled' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

beforeAll(async () => {
  database = await createTestDatabase()
  caseA = await addCase(database, '340000000701')
  const caseB = await addCase(database, '340000000702')
  const caseC = await addCase(database, '340000000703')
  payer = await addParent(database, { parId: '4000000701', ssnLast4: '1111', dateOfBirth: '1980-01-01', caseId: caseA, role: 'paying' })
  receiver = await addParent(database, { parId: '4000000702', ssnLast4: '2222', dateOfBirth: '1982-01-01', caseId: caseA, role: 'receiving' })
  protectedPayer = await addParent(database, { parId: '4000000703', ssnLast4: '3333', dateOfBirth: '1983-01-01', caseId: caseB, role: 'paying', familyViolence: true })
  paidPayer = await addParent(database, { parId: '4000000704', ssnLast4: '4444', dateOfBirth: '1984-01-01', caseId: caseC, role: 'paying' })
  // A parent with no confirmed destination: never looked at.
  await addParent(database, { parId: '4000000705', ssnLast4: '5555', dateOfBirth: '1985-01-01', caseId: caseC, role: 'receiving' })
  await confirm(payer, 'text', '+19165550701')
  await confirm(payer, 'email', 'payer@example.com')
  await confirm(receiver, 'email', 'receiver@example.com')
  await confirm(protectedPayer, 'email', 'protected@example.com')
  await confirm(paidPayer, 'email', 'paid@example.com')
  for (const caseId of [caseA, caseB, caseC]) await order(caseId)
  for (const caseId of [caseA, caseB, caseC]) await ledger(caseId, 'charge', '2026-12-01')
  await ledger(caseC, 'payment', '2026-12-04')
})
afterAll(() => database.close())
beforeEach(async () => {
  await database.db.deleteFrom('alert_outbox').execute()
})

const scheduler = (clock: Clock, db = database.db, channels: ('text' | 'email')[] = ['text', 'email']) =>
  createAlertScheduler({ db, clock, calendar: agencyCalendar, channels })

const outbox = async () =>
  (await database.db.selectFrom('alert_outbox').select(['participant_id', 'kind', 'channel', 'details', 'dedupe_key']).orderBy('dedupe_key').execute()).map((row) => ({
    participantId: row.participant_id, kind: row.kind, channel: row.channel, details: JSON.parse(row.details) as Record<string, string>, key: row.dedupe_key,
  }))

it('a payment due in a few days: to paying parents with an order in effect, once however often it scans', async () => {
  // Tuesday 24 November 2026, 9 a.m. Pacific: three business days before 1 December (Thanksgiving falls between).
  const clock = movableClock('2026-11-24T17:00:00Z')
  const result = await scheduler(clock).scanOnce()
  expect(result).toMatchObject({ ran: true, subscribers: 4, occasions: 3, raised: 3 })
  clock.advanceMinutes(60 * 24 * 3) // Friday: still before the 1st, the same occasion, already raised
  expect(await scheduler(clock).scanOnce()).toMatchObject({ occasions: 3, raised: 0 })
  // Even a scan that does not look before it raises (as two scans at once may not) queues nothing twice.
  await database.db.transaction().execute(async (trx) => {
    await raiseCaseAlert(trx, { caseId: caseA, role: 'paying', participantId: payer, kind: 'payment_due_soon', eventKey: 'payment_due_soon:case:' + caseA + ':2026-12-01' }, ['text', 'email'], clock.now())
  })
  const rows = await outbox()
  expect(rows.every((row) => row.kind === 'payment_due_soon')).toBe(true)
  expect(rows.map((row) => `${row.participantId}:${row.channel}`).sort()).toEqual(
    [`${payer}:text`, `${payer}:email`, `${protectedPayer}:email`, `${paidPayer}:email`].sort(),
  )
  expect(rows.find((row) => row.participantId === payer)!.details).toEqual({ caseEnding: '0701' })
  expect(rows.find((row) => row.participantId === protectedPayer)!.details).toEqual({ protected: 'yes' })
  expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length)
})

it('no payment yet by the 20th: only where this month was charged and nothing was paid', async () => {
  // Monday 21 December 2026, 9 a.m. Pacific: the 20th was a Sunday.
  const clock = movableClock('2026-12-21T17:00:00Z')
  await scheduler(clock).scanOnce()
  const rows = (await outbox()).filter((row) => row.kind === 'payment_missing')
  expect(rows.map((row) => `${row.participantId}:${row.channel}`).sort()).toEqual([`${payer}:text`, `${payer}:email`, `${protectedPayer}:email`].sort())
  expect(rows.every((row) => row.key.includes(':2026-12-01:'))).toBe(true)
})

it('a hearing or appointment coming up: to the parents it concerns, hearings in their own words', async () => {
  const hearing = await event(caseA, 'hearing', '2026-12-23T17:30:00Z')
  const appointment = await event(caseA, 'appointment', '2026-12-22T10:00:00-08:00', receiver)
  const later = await event(caseA, 'hearing', '2026-12-29T17:30:00Z')
  const clock = movableClock('2026-12-21T17:00:00Z')
  await scheduler(clock).scanOnce()
  const rows = (await outbox()).filter((row) => row.kind === 'appointment_coming')
  const forEvent = (id: number) => rows.filter((row) => row.key.startsWith(`appointment_coming:event:${id}:`)).map((row) => `${row.participantId}:${row.channel}`).sort()
  expect(forEvent(hearing)).toEqual([`${payer}:text`, `${payer}:email`, `${receiver}:email`].sort())
  expect(forEvent(appointment)).toEqual([`${receiver}:email`])
  expect(forEvent(later)).toEqual([])
  expect(rows.find((row) => row.key.startsWith(`appointment_coming:event:${hearing}:`))!.details).toEqual({ caseEnding: '0701', variant: 'hearing' })
  await database.db.deleteFrom('events').execute()
})

it('respects a parent who turned the kind off', async () => {
  await database.db.insertInto('alert_choices').values({ participant_id: payer, kind: 'payment_missing', enabled: 0, updated_at: stamp }).execute()
  await scheduler(movableClock('2026-12-21T17:00:00Z')).scanOnce()
  expect((await outbox()).filter((row) => row.participantId === payer)).toEqual([])
  await database.db.deleteFrom('alert_choices').execute()
})

it('does not scan in quiet hours, nor where no channel is set up', async () => {
  // 10 p.m. Pacific on Monday 21 December.
  expect(await scheduler(movableClock('2026-12-22T06:00:00Z')).scanOnce()).toMatchObject({ ran: false })
  expect(await scheduler(movableClock('2026-12-21T17:00:00Z'), database.db, []).scanOnce()).toMatchObject({ ran: false })
  expect(await outbox()).toEqual([])
})

it('two scans at once queue each alert once', async () => {
  // On PostgreSQL the second scan has its own pool, as a second app process would; SQLite in memory has one.
  let second: DatabaseHandle | null = null
  if (postgresAdminUrl) second = openDatabase({ dialect: 'postgres', connectionString: database.url }, { poolSize: 4 })
  try {
    await event(caseA, 'hearing', '2026-12-23T17:30:00Z')
    const clock = movableClock('2026-12-21T17:00:00Z')
    const results = await Promise.all([
      scheduler(clock).scanOnce(),
      scheduler(clock, second?.db ?? database.db).scanOnce(),
      scheduler(clock).scanOnce(),
    ])
    expect(results.every((result) => result.ran && result.occasions === 4)).toBe(true)
    expect(results.reduce((sum, result) => sum + result.raised, 0)).toBeGreaterThanOrEqual(4)
    const rows = await outbox()
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length)
    // payment_missing: payer by text and email, the protected payer by email; the hearing: payer twice, receiver once.
    expect(rows.length).toBe(6)
  } finally {
    await second?.close()
    await database.db.deleteFrom('events').execute()
  }
})
