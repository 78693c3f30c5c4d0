// "Every parent-facing query is on an index" (DESIGN.md §7): run each call of the service, capture the SQL it sends,
// and ask the database for the plan of each statement (test/helpers/queryPlans.ts). A plan that scans a whole table
// fails, on SQLite and on PostgreSQL.
import { createAuditService } from '../../server/audit/auditService'
import type { Principal } from '../../server/audit/principal'
import { createCaseInquiryService } from '../../server/cases/caseInquiryService'
import { fixedClock } from '../../server/clock'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { captureQueries, fullTableScans, type QueryCapture } from '../helpers/queryPlans'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

describe('query plans of the case-inquiry service', () => {
  let database: TestDatabase
  let capture: QueryCapture

  beforeAll(async () => {
    database = await createTestDatabase()
    await loadDemoData(database.db, { ssnHmacKey: 'test-key', today: '2026-03-10' })
    capture = captureQueries(database)
  }, 120_000)

  afterAll(async () => {
    await database.close()
  })

  it('reads every table through an index', async () => {
    const clock = fixedClock('2026-03-10T18:00:00Z')
    const service = createCaseInquiryService({ db: capture.db, clock })
    const audit = createAuditService({ db: capture.db, clock })
    const people = await database.db.selectFrom('participants').select('id').where('par_id', 'in', ['4010000103', '4010000104']).execute()
    for (const { id } of people) {
      const parent: Principal = { kind: 'parent', participantId: id }
      for (const summary of await service.listCaseSummaries(parent, 'web')) {
        await service.getCaseSummary(parent, summary.caseId, 'phone')
        await service.getPaymentHistory(parent, summary.caseId, { from: '2025-01-01', page: 2, pageSize: 5 }, 'web')
        await service.getPaymentsPage(parent, summary.caseId, { year: null, page: 1, pageSize: 25 }, 'web')
        await service.getEnforcement(parent, summary.caseId, 'web')
        await service.getNextSteps(parent, summary.caseId, 'web')
        if (summary.lastPayment) await service.explainPayment(parent, summary.caseId, summary.lastPayment.paymentId, 'web')
        if (summary.viewer === 'paying') await service.getPayoffSchedule(parent, summary.caseId, { months: 12 }, 'web')
        await audit.caseAuditTrail({ kind: 'staff', staffId: 1, role: 'supervisor' }, summary.caseId)
      }
    }
    expect(capture.captured.length).toBeGreaterThan(20)
    expect(await fullTableScans(database, capture.captured)).toEqual([])
  })
})
