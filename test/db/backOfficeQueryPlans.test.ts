// Issue 15, scale: the console's case search, the intake of the case system's documents and the alert outbox's
// delivery rounds stay on an index at a million cases. As in test/cases/queryPlans.test.ts, every statement these
// services send is captured and the database is asked for its plan (test/helpers/queryPlans.ts); a plan that scans a
// whole table fails, on SQLite and on PostgreSQL.
import { alertOutbox, enqueueAlert } from '../../server/alerts/alertOutbox'
import { textKeywordRepository } from '../../server/alerts/textKeywords'
import { createStaffCaseDirectory } from '../../server/cases/staffCaseDirectory'
import { fixedClock } from '../../server/clock'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { createIntakeService } from '../../server/intake/intakeService'
import { captureQueries, fullTableScans, type QueryCapture } from '../helpers/queryPlans'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

describe('query plans of the console search, the intake and the alert outbox', () => {
  let database: TestDatabase
  let capture: QueryCapture
  const clock = fixedClock('2026-03-10T18:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase()
    await loadDemoData(database.db, { ssnHmacKey: 'test-key', today: '2026-03-10' })
    capture = captureQueries(database)
  }, 120_000)
  afterAll(() => database.close())

  it('finds cases by every kind of query through an index', async () => {
    capture.clear()
    const directory = createStaffCaseDirectory({ db: capture.db, clock })
    const staff = { kind: 'staff' as const, staffId: 1, role: 'rep' as const }
    for (const query of ['340010120417', '4010000101', '(916) 555-0101', 'K7M 4PQ', 'Okafor', 'Linda Okafor', 'Okafor, Linda']) {
      await directory.searchCases(staff, query)
    }
    expect(capture.captured.length).toBeGreaterThan(10)
    expect(await fullTableScans(database, capture.captured)).toEqual([])
  })

  it('takes documents and delivers alerts through indexes', async () => {
    capture.clear()
    const db = capture.db
    const intake = createIntakeService({ db, clock, alertChannels: [], ssnHmacKey: 'query-plan-test-key' })
    await intake.take('casesystem', { type: 'payment', id: 'P-1', caseNumber: '340010120417', postedOn: '2026-03-09', amountCents: 100, method: 'mail' })
    await intake.take('casesystem', { type: 'payout', id: 'D-1', caseNumber: '340010120417', paidOn: '2026-03-10', amountCents: 100, method: 'debit_card', paymentId: 'P-1' })
    await intake.take('casesystem', { type: 'payment', id: 'P-1', caseNumber: '340010120417', postedOn: '2026-03-09', amountCents: 100, method: 'mail' })
    await intake.take('casesystem', { type: 'participant', id: 'PAR-1', parId: '4019999991', firstName: 'A', lastName: 'B', dateOfBirth: '1980-01-01', ssn: '900-99-9991', language: 'en', familyViolence: false })
    await intake.take('casesystem', {
      type: 'case', id: 'CASE-1', caseNumber: '340019999991', county: 'Sacramento', status: 'open', assistanceStatus: 'never', processingStage: 'enforcement',
      caseworkerName: 'C', officeCode: 'SAC', openedOn: '2026-01-05', roles: [{ parId: '4019999991', role: 'paying' }, { parId: '4010000102', role: 'receiving' }],
    })
    await intake.take('casesystem', { type: 'order', id: 'ORD-1', caseNumber: '340010120417', kind: 'child', monthlyCents: 50_000, effectiveFrom: '2026-04-01' })
    await intake.take('casesystem', { type: 'enforcement', id: 'ENF-1', caseNumber: '340010120417', parId: '4010000101', kind: 'drivers_license', status: 'notice_sent', changedOn: '2026-03-10' })
    await intake.take('casesystem', {
      type: 'event', id: 'E-1', caseNumber: '340010120417', kind: 'document_request', scheduledFor: '2026-04-01', topic: 'Pay stubs', status: 'requested', parId: '4010000101',
    })

    const parent = await database.db.selectFrom('participants').select('id').where('par_id', '=', '4010000101').executeTakeFirstOrThrow()
    await enqueueAlert(db, { participantId: parent.id, channel: 'email', kind: 'security_notice', language: 'en', destination: 'a@example.com', details: {}, dedupeKey: 'plan:1' }, clock.now())
    const outbox = alertOutbox(db, database.dialect)
    const [claimed] = await outbox.claimDue(['text', 'email'], clock.now(), 10, 60_000)
    await outbox.sentSince(parent.id, 'email', clock.now())
    await outbox.isTextOptedOut('+19165550101')
    await outbox.markSent(claimed!, '<1@test>', clock.now())
    await outbox.recentFor(parent.id, 10)
    await outbox.deliveryFigures(new Date('2026-03-01T08:00:00Z'), new Date('2026-03-12T07:00:00Z'))
    const keywords = textKeywordRepository(db)
    await keywords.languageOf('+19165550101')
    await keywords.recordDeliveryStatus(`SM${'0'.repeat(32)}`, 'delivered', clock.now())
    await keywords.record('+19165550101', { keyword: 'STOP', action: 'stop', language: null }, `SM${'1'.repeat(32)}`, clock.now())
    await keywords.record('+19165550101', { keyword: 'START', action: 'start', language: 'en' }, `SM${'2'.repeat(32)}`, clock.now())

    expect(capture.captured.length).toBeGreaterThan(10)
    expect(await fullTableScans(database, capture.captured)).toEqual([])
  })
})
