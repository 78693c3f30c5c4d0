// The interest rate is decided in one place (the rules' caseInterestRate), from what the case system records and
// whether the paying parent is on active duty, and the service replays every case at that rate: the 6% SCRA cap
// (50 USC 3937) follows the parent's duty, not a rate copied onto the case row. SQLite, or PostgreSQL with
// TEST_POSTGRES_URL.
//
// Every case: $1,200 charged on 2026-01-01, nothing paid; today is 2026-03-10. Two months of interest (Feb 1, Mar 1)
// on 120000 of principal: at 10% 1000 a month, at 6% 600, at 4% 400, at 12% 1200.
import type { Principal } from '../../server/audit/principal'
import { createCaseInquiryService } from '../../server/cases/caseInquiryService'
import { fixedClock } from '../../server/clock'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { chargeRow, type CaseFixture, insertCase, insertLedger, insertParent } from './helpers/caseFixtures'

let database: TestDatabase
let service: ReturnType<typeof createCaseInquiryService>
let caseCounter = 0

beforeAll(async () => {
  database = await createTestDatabase()
  service = createCaseInquiryService({ db: database.db, clock: fixedClock('2026-03-10T18:00:00Z') })
})
afterAll(() => database.close())

async function caseWith(activeMilitary: boolean, recorded: Pick<CaseFixture, 'interestBasis' | 'interestBasisPoints'>) {
  const { db } = database
  const payingId = await insertParent(db, { firstName: 'Payer', activeMilitary })
  const receivingId = await insertParent(db, { firstName: 'Receiver' })
  caseCounter += 1
  const caseId = await insertCase(db, {
    caseNumber: `34000009${String(caseCounter).padStart(4, '0')}`, payingId, receivingId, ...recorded,
    orders: [{ kind: 'child', monthlyCents: 120_000, from: '2026-01-01', to: '2026-01-31' }],
  })
  await insertLedger(db, caseId, [chargeRow('2026-01-01', 120_000)])
  const paying: Principal = { kind: 'parent', participantId: payingId }
  const receiving: Principal = { kind: 'parent', participantId: receivingId }
  return { caseId, paying, receiving }
}

describe('the interest rate a case is replayed at', () => {
  it.each([
    ['a parent on active duty, recorded at California\'s 10%', true, { interestBasis: 'statutory', interestBasisPoints: 1000 }, 600, 'scra'],
    ['a parent on active duty, an out-of-state order at 12%', true, { interestBasis: 'interstate', interestBasisPoints: 1200 }, 600, 'scra'],
    ['a parent on active duty, an order already below 6%', true, { interestBasis: 'order', interestBasisPoints: 400 }, 400, 'order'],
    ['a parent whose active duty has ended, recorded at the SCRA 6%', false, { interestBasis: 'scra', interestBasisPoints: 600 }, 1000, 'statutory'],
    ['a parent not on duty, an out-of-state order at 12%', false, { interestBasis: 'interstate', interestBasisPoints: 1200 }, 1200, 'interstate'],
    ['a parent not on duty, a statutory case whatever figure the row carries', false, { interestBasis: 'statutory', interestBasisPoints: 700 }, 1000, 'statutory'],
  ] as const)('%s', async (_name, activeMilitary, recorded, basisPoints, basis) => {
    const { caseId, paying, receiving } = await caseWith(activeMilitary, recorded)
    const summary = await service.getCaseSummary(paying, caseId, 'web')
    expect(summary.interestRate).toEqual({ basisPoints, basis })
    const monthly = (120_000 * basisPoints) / 120_000
    expect(summary.balances).toMatchObject({ familyArrearsCents: 120_000, familyInterestCents: 2 * monthly })
    const payoff = await service.getPayoffSchedule(paying, caseId, { months: 12 }, 'web')
    expect(payoff.rateBasisPoints).toBe(basisPoints)
    // The receiving parent sees the same balance, and neither the basis nor anything about the other's duty.
    const seenByReceiver = await service.getCaseSummary(receiving, caseId, 'web')
    expect(seenByReceiver.balances).toEqual(summary.balances)
    expect(seenByReceiver.interestRate).toEqual({ basisPoints, basis: null })
  })
})
