// The demo counts every date back from "today", so it must hold up whenever it starts: on the 1st (payments posted
// the same day as the charge), on October 1st (a new federal fiscal year for the FC 17208 fee), at a month's end.
// For each such day, every persona gets every answer, in translated words, with balances that add up.
import type { Principal } from '../../server/audit/principal'
import { createCaseInquiryService } from '../../server/cases/caseInquiryService'
import { agencyInstant } from '../../server/demo/demoCalendar'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { demoPersonas } from '../../server/demo/personas'
import { fixedClock } from '../../server/clock'
import { createTestDatabase } from '../helpers/testDatabase'
import { untranslatedMessages } from './helpers/messageCatalog'

describe.each(['2025-10-01', '2026-01-31', '2026-06-01'])('the demo started on %s', (today) => {
  it('answers every persona on every call', async () => {
    const database = await createTestDatabase()
    try {
      await loadDemoData(database.db, { ssnHmacKey: 'test-key', today })
      // 8 a.m. at the agency: "today" there, whatever the date is in UTC.
      const service = createCaseInquiryService({ db: database.db, clock: fixedClock(agencyInstant(today, 8)) })
      const ids = new Map((await database.db.selectFrom('participants').select(['id', 'par_id']).execute()).map((p) => [p.par_id, p.id]))
      for (const persona of demoPersonas()) {
        const principal: Principal = { kind: 'parent', participantId: ids.get(persona.phone.parId)! }
        const summaries = await service.listCaseSummaries(principal, 'phone')
        expect(summaries.map((s) => s.caseNumber).sort()).toEqual([...persona.cases].sort())
        for (const summary of summaries) {
          expect(summary.asOf).toBe(today)
          const b = summary.balances
          expect(b.currentDueCents + b.familyArrearsCents + b.stateArrearsCents + b.interestCents).toBe(b.totalOwedCents)
          const results = [
            summary,
            await service.getPaymentHistory(principal, summary.caseId, { pageSize: 500 }, 'web'),
            await service.getEnforcement(principal, summary.caseId, 'web'),
            await service.getNextSteps(principal, summary.caseId, 'web'),
            summary.lastPayment && (await service.explainPayment(principal, summary.caseId, summary.lastPayment.paymentId, 'web')),
            summary.viewer === 'paying' && (await service.getPayoffSchedule(principal, summary.caseId, { months: 36 }, 'web')),
          ]
          expect(untranslatedMessages(results)).toEqual([])
        }
      }
    } finally {
      await database.close()
    }
  }, 120_000)
})
