// The service on a real database (SQLite, or PostgreSQL when TEST_POSTGRES_URL is set) with one hand-worked case.
//
// Case A (never assisted, one child, 10%): Pat pays Rita $500 a month from January 2026. Today is 2026-03-10.
//   Jan  1  charge 500.00           Jan  5  payment 500.00 (withholding) → January in full; nothing owed.
//   Feb  1  no interest (nothing unpaid); charge 500.00.
//   Feb 20  payment 300.00 (online) → February current support; 200.00 of February stays unpaid.
//           Collected this fiscal year: 500 + 300 = 800 ≥ 550, so the $35 fee (FC 17208) comes out of this payment:
//           the family gets 300.00 − 35.00 = 265.00, paid out two business days later, Tuesday Feb 24.
//   Mar  1  interest 200.00 × 10% / 12 = 1.666… → 1.67; charge 500.00.
//   Mar  9  payment 100.00 (mail) → March current support; 400.00 of March unpaid. Not paid out yet: expected
//           Wednesday Mar 11.
//   Balance: current due 400.00, family arrears 200.00 (February), interest 1.67, total 601.67.
import { AuditTrailForbidden, createAuditService } from '../../server/audit/auditService'
import type { Principal } from '../../server/audit/principal'
import { CaseInquiryInputError, CaseNotFound, PaymentNotFound } from '../../server/cases/caseErrors'
import { createCaseInquiryService } from '../../server/cases/caseInquiryService'
import { fixedClock } from '../../server/clock'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import {
  chargeRow,
  disbursementRow,
  insertCase,
  insertEnforcement,
  insertEvent,
  insertLedger,
  insertParent,
  paymentRow,
} from './helpers/caseFixtures'
import { untranslatedMessages } from './helpers/messageCatalog'

const clock = fixedClock('2026-03-10T18:00:00Z')

const rita = { addressLine1: '12 Hidden Lane', phone: '+19165550999', employer: 'Secret Employer Inc', ssnLast4: '4321' }
const pat = { addressLine1: '77 Payer Street', phone: '+19165550888', employer: 'Payer Works LLC' }

let database: TestDatabase
let service: ReturnType<typeof createCaseInquiryService>
let audit: ReturnType<typeof createAuditService>
const ids = {} as {
  pat: number; rita: number; olive: number; quinn: number
  caseA: number; caseB: number; caseC: number
  janPayment: number; febPayment: number; marPayment: number; otherCasePayment: number; charge: number
}
let asPat: Principal
let asRita: Principal
const asRep: Principal = { kind: 'staff', staffId: 1, role: 'rep' }
const asSupervisor: Principal = { kind: 'staff', staffId: 2, role: 'supervisor' }

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  ids.pat = await insertParent(db, { firstName: 'Pat', ...pat, householdIncomeCents: 6_000_000, householdSize: 1 })
  ids.rita = await insertParent(db, { firstName: 'Rita', ...rita, familyViolence: true })
  ids.olive = await insertParent(db, { firstName: 'Olive', addressLine1: '5 Olive Court' })
  ids.quinn = await insertParent(db, { firstName: 'Quinn', addressLine1: '9 Quinn Road' })
  asPat = { kind: 'parent', participantId: ids.pat }
  asRita = { kind: 'parent', participantId: ids.rita }

  ids.caseA = await insertCase(db, {
    caseNumber: '340000000417', payingId: ids.pat, receivingId: ids.rita,
    orders: [{ kind: 'child', monthlyCents: 50_000, from: '2026-01-01' }],
  })
  const [charge, janPayment, , febPayment, , , marPayment] = await insertLedger(db, ids.caseA, [
    chargeRow('2026-01-01', 50_000),
    paymentRow('2026-01-05', 50_000, 'income_withholding'),
    chargeRow('2026-02-01', 50_000),
    paymentRow('2026-02-20', 30_000, 'sdu_online'),
    chargeRow('2026-03-01', 50_000),
    chargeRow('2026-03-01', 0),
    paymentRow('2026-03-09', 10_000, 'mail'),
  ])
  Object.assign(ids, { charge: charge!, janPayment: janPayment!, febPayment: febPayment!, marPayment: marPayment! })
  await insertLedger(db, ids.caseA, [
    disbursementRow('2026-01-07', 50_000, ids.janPayment),
    { ...disbursementRow('2026-02-20', 3_500, ids.febPayment), kind: 'fee', method: null, reason: 'annual_service_fee' },
    disbursementRow('2026-02-24', 26_500, ids.febPayment),
  ])
  await insertEnforcement(db, ids.caseA, ids.pat, { kind: 'drivers_license', status: 'suspended', on: '2026-02-01' })
  await insertEnforcement(db, ids.caseA, ids.pat, { kind: 'income_withholding', status: 'active', on: '2026-01-02', employer: pat.employer })
  await insertEvent(db, ids.caseA, null, { kind: 'hearing', at: '2026-03-16T16:00:00.000Z', topic: 'Review hearing', status: 'scheduled', location: 'Dept 5' })
  await insertEvent(db, ids.caseA, ids.rita, { kind: 'appointment', at: '2026-03-12T17:00:00.000Z', topic: 'Rita private appointment', status: 'scheduled', location: 'Agency office' })
  await insertEvent(db, ids.caseA, ids.pat, { kind: 'document_request', at: '2026-03-20', topic: 'Income and expense declaration', status: 'requested' })
  await insertEvent(db, ids.caseA, ids.pat, { kind: 'hearing', at: '2026-02-01T16:00:00.000Z', topic: 'Past hearing', status: 'completed' })

  ids.caseB = await insertCase(db, {
    caseNumber: '340000000555', payingId: ids.olive, receivingId: ids.pat,
    orders: [{ kind: 'child', monthlyCents: 20_000, from: '2026-02-01' }],
  })
  await insertLedger(db, ids.caseB, [chargeRow('2026-02-01', 20_000), chargeRow('2026-03-01', 20_000)])

  ids.caseC = await insertCase(db, { caseNumber: '340000000999', payingId: ids.olive, receivingId: ids.quinn })
  const [, otherPayment] = await insertLedger(db, ids.caseC, [chargeRow('2026-03-01', 10_000), paymentRow('2026-03-02', 10_000)])
  ids.otherCasePayment = otherPayment!

  service = createCaseInquiryService({ db, clock })
  audit = createAuditService({ db, clock })
})

afterAll(async () => {
  await database.close()
})

describe('case summaries', () => {
  it('gives the paying parent the hand-worked balance, order, last payment and what is due now', async () => {
    const summary = await service.getCaseSummary(asPat, ids.caseA, 'web')
    expect(summary).toMatchObject({
      caseId: ids.caseA, caseNumber: '340000000417', caseNumberLast4: '0417', viewer: 'paying', status: 'open', asOf: '2026-03-10',
      orders: [{ kind: 'child', monthlyCents: 50_000, effectiveFrom: '2026-01-01', effectiveTo: null }],
      monthlyOrderCents: 50_000,
      interestRate: { basisPoints: 1000, basis: 'statutory' },
      balances: {
        currentDueCents: 40_000, familyArrearsCents: 20_000, stateArrearsCents: 0, familyInterestCents: 167,
        stateInterestCents: 0, interestCents: 167, totalOwedCents: 60_167,
      },
      lastPayment: { paymentId: ids.marPayment, postedOn: '2026-03-09', amountCents: 10_000, method: 'mail' },
      paying: { nextPayment: { kind: 'now', monthStart: '2026-03-01', dueCents: 40_000, monthlyCents: 50_000 }, creditHeldCents: 0 },
      receiving: null,
    })
    expect(summary.alerts.map((a) => a.kind)).toEqual(['license_suspended', 'hearing_soon', 'documents_due'])
  })

  it('gives the receiving parent the same figures, the payouts and the fee, but not the paying side', async () => {
    const mine = await service.getCaseSummary(asPat, ids.caseA, 'web')
    const summary = await service.getCaseSummary(asRita, ids.caseA, 'phone')
    expect(summary.balances).toEqual(mine.balances)
    expect(summary).toMatchObject({
      viewer: 'receiving',
      paying: null,
      interestRate: { basisPoints: 1000, basis: null },
      receiving: {
        lastDisbursement: { postedOn: '2026-02-24', amountCents: 26_500, method: 'direct_deposit' },
        nextExpectedDisbursement: { expectedOn: '2026-03-11', amountCents: 10_000, paymentIds: [ids.marPayment] },
        fiscalYear: 2026,
        collectedThisFiscalYearCents: 90_000,
        feesWithheldThisFiscalYearCents: 3_500,
      },
    })
    // Her own appointment and the case's hearing; nothing about the paying parent's license.
    expect(summary.alerts.map((a) => a.kind)).toEqual(['appointment_soon', 'hearing_soon'])
  })

  it('lists every case a parent holds a role on, each from their own side', async () => {
    const summaries = await service.listCaseSummaries(asPat, 'web')
    expect(summaries.map((s) => [s.caseId, s.viewer])).toEqual([[ids.caseA, 'paying'], [ids.caseB, 'receiving']])
    expect(summaries[1]!.balances).toMatchObject({ currentDueCents: 20_000, familyArrearsCents: 20_000 })
    expect(await service.listCaseSummaries(asRep, 'console')).toEqual([])
  })

  it('gives staff both sides of any case', async () => {
    const summary = await service.getCaseSummary(asRep, ids.caseC, 'console')
    expect(summary.viewer).toBe('agency')
    const a = await service.getCaseSummary(asRep, ids.caseA, 'console')
    expect(a.paying).not.toBeNull()
    expect(a.receiving).not.toBeNull()
    expect(a.alerts.map((x) => x.kind)).toEqual(['license_suspended', 'appointment_soon', 'hearing_soon', 'documents_due'])
  })
})

describe('access', () => {
  const everyCall = (principal: Principal, caseId: unknown): Array<() => Promise<unknown>> => [
    () => service.getCaseSummary(principal, caseId as number, 'web'),
    () => service.getPaymentHistory(principal, caseId as number, {}, 'web'),
    () => service.explainPayment(principal, caseId as number, ids.otherCasePayment, 'web'),
    () => service.getEnforcement(principal, caseId as number, 'web'),
    () => service.getNextSteps(principal, caseId as number, 'web'),
    () => service.getCaseView(principal, caseId as number, 'web'),
    () => service.getPaymentsOverview(principal, caseId as number, 'web'),
    () => service.getPayoffSchedule(principal, caseId as number, { months: 12 }, 'web'),
  ]

  it.each([
    ['another family’s case', () => ids.caseC],
    ['a case that does not exist', () => 987_654],
    ['zero', () => 0],
    ['a negative id', () => -1],
    ['a fraction', () => 1.5],
    ['NaN', () => Number.NaN],
    ['a string', () => String(ids.caseA)],
    ['null', () => null],
  ])('answers "not found" for %s, on every call', async (_label, caseId) => {
    for (const call of everyCall(asPat, caseId())) await expect(call()).rejects.toBeInstanceOf(CaseNotFound)
  })

  it('refuses the receiving parent a case on which only the other parent is theirs', async () => {
    for (const call of everyCall(asRita, ids.caseB)) await expect(call()).rejects.toBeInstanceOf(CaseNotFound)
  })

  it('has no payoff for the receiving side', async () => {
    await expect(service.getPayoffSchedule(asRita, ids.caseA, { months: 12 }, 'web')).rejects.toBeInstanceOf(CaseNotFound)
  })

  it('records every refusal of a real case id in that case’s audit trail', async () => {
    await expect(service.getCaseSummary(asRita, ids.caseC, 'phone')).rejects.toBeInstanceOf(CaseNotFound)
    const trail = await audit.caseAuditTrail(asSupervisor, ids.caseC)
    expect(trail[0]).toMatchObject({ actor: { kind: 'parent', id: ids.rita }, channel: 'phone', action: 'case.denied' })
  })
})

describe('payment history', () => {
  it('pages the paying parent’s payments newest first, with totals over the whole range', async () => {
    const first = await service.getPaymentHistory(asPat, ids.caseA, { page: 1, pageSize: 2 }, 'web')
    expect(first.items.map((i) => [i.kind, i.id, i.date, i.amountCents])).toEqual([
      ['payment', ids.marPayment, '2026-03-09', 10_000],
      ['payment', ids.febPayment, '2026-02-20', 30_000],
    ])
    expect(first).toMatchObject({ from: null, to: '2026-03-10', page: 1, pageSize: 2, totalItems: 3, totalPages: 2 })
    expect(first.months.map((m) => [m.month, m.paymentsCents])).toEqual([['2026-01', 50_000], ['2026-02', 30_000], ['2026-03', 10_000]])
    expect(first.years).toEqual([{ year: 2026, paymentsCents: 90_000, paymentCount: 3, disbursementsCents: 0, disbursementCount: 0, feesCents: 0 }])
    const second = await service.getPaymentHistory(asPat, ids.caseA, { page: 2, pageSize: 2 }, 'web')
    expect(second.items.map((i) => i.id)).toEqual([ids.janPayment])
    expect(second.items[0]).toMatchObject({ method: 'income_withholding', reference: 'REF-2026-01-05' })
  })

  it('adds payouts and fees for the receiving parent, within a date range', async () => {
    const history = await service.getPaymentHistory(asRita, ids.caseA, { from: '2026-02-01', to: '2026-02-28' }, 'web')
    expect(history.items.map((i) => [i.kind, i.date, i.amountCents])).toEqual([
      ['disbursement', '2026-02-24', 26_500],
      ['fee', '2026-02-20', 3_500],
      ['payment', '2026-02-20', 30_000],
    ])
    expect(history.totals).toEqual({ paymentsCents: 30_000, paymentCount: 1, disbursementsCents: 26_500, disbursementCount: 1, feesCents: 3_500 })
  })

  it('refuses a bad range with a message key', async () => {
    await expect(service.getPaymentHistory(asPat, ids.caseA, { from: '2026-13-01' }, 'web')).rejects.toEqual(
      new CaseInquiryInputError('cases:errors.invalidDate'),
    )
  })
})

describe('where a payment went', () => {
  it('shows every cent of the paying parent’s payment, without the family’s payout', async () => {
    const explained = await service.explainPayment(asPat, ids.caseA, ids.febPayment, 'web')
    expect(explained).toMatchObject({ paymentId: ids.febPayment, amountCents: 30_000, method: 'sdu_online', creditHeldCents: 0, family: null })
    expect(explained.parts).toEqual([
      { bucket: 'current', owedTo: 'family', chargeDueOn: '2026-02-01', cents: 30_000, appliedOn: '2026-02-20' },
    ])
    expect(explained.notes.map((n) => n.key)).toEqual(['cases:explain.order'])
  })

  it('shows the receiving parent the fee kept back and the payout', async () => {
    const explained = await service.explainPayment(asRita, ids.caseA, ids.febPayment, 'web')
    expect(explained.family).toEqual({
      toFamilyCents: 30_000, toStateCents: 0, passThroughCents: 0, feeWithheldCents: 3_500, disbursedCents: 26_500,
      disbursements: [{ disbursementId: expect.any(Number), postedOn: '2026-02-24', amountCents: 26_500, method: 'direct_deposit' }],
      expected: null,
    })
    expect(explained.notes).toContainEqual({ key: 'cases:explain.annualFee', params: { amount: { money: 3_500 } } })
    const pending = await service.explainPayment(asRita, ids.caseA, ids.marPayment, 'web')
    expect(pending.family!.expected).toEqual({ expectedOn: '2026-03-11', amountCents: 10_000, paymentIds: [ids.marPayment] })
  })

  it('does not find a payment of another case, or an entry that is not a payment', async () => {
    await expect(service.explainPayment(asPat, ids.caseA, ids.otherCasePayment, 'web')).rejects.toBeInstanceOf(PaymentNotFound)
    await expect(service.explainPayment(asPat, ids.caseA, ids.charge, 'web')).rejects.toBeInstanceOf(PaymentNotFound)
  })
})

describe('enforcement and next steps', () => {
  it('shows the paying parent their suspended license, how to release it and their employer', async () => {
    const status = await service.getEnforcement(asPat, ids.caseA, 'web')
    expect(status.driversLicense).toMatchObject({
      status: 'suspended', since: '2026-02-01',
      release: { ways: ['pay_past_due', 'payment_plan'], pastDueCents: 20_167, releasedBy: { county: 'Sacramento', officeCode: 'SAC01' } },
      lowIncome: { householdIncomeCents: 6_000_000, atOrBelowThreshold: false },
    })
    expect(status.incomeWithholding).toEqual({ status: 'active', since: '2026-01-02', employerName: pat.employer })
  })

  it('shows the receiving parent the suspension but not the employer or income', async () => {
    const status = await service.getEnforcement(asRita, ids.caseA, 'web')
    expect(status.driversLicense).toEqual({ status: 'suspended', since: '2026-02-01', release: null, lowIncome: null })
    expect(status.incomeWithholding.employerName).toBeNull()
  })

  it('orders each parent’s next steps, and never shows one parent the other’s appointment', async () => {
    const paying = await service.getNextSteps(asPat, ids.caseA, 'web')
    expect(paying.steps.map((s) => s.kind)).toEqual(['hearing', 'document_request', 'license_release', 'pay_current_support', 'contact_us'])
    expect(JSON.stringify(paying)).not.toContain('Rita private appointment')
    const receiving = await service.getNextSteps(asRita, ids.caseA, 'web')
    expect(receiving.steps.map((s) => s.kind)).toEqual(['appointment', 'hearing', 'annual_fee', 'contact_us'])
  })

  it('fills the payoff calculator from the case: $200.00 arrears and $1.67 interest at 10%', async () => {
    const payoff = await service.getPayoffSchedule(asPat, ids.caseA, { monthlyPaymentCents: 10_000 }, 'web')
    expect(payoff).toMatchObject({ startingPrincipalCents: 20_000, startingInterestCents: 167, rateBasisPoints: 1000, firstMonth: '2026-04-01' })
    // April: 200.00 × 10%/12 = 1.67; 100.00 pays 3.34 interest and 96.66 principal → 103.34.
    // May: 103.34 × 10%/12 = 0.86; pays 0.86 and 99.14 → 4.20. June: 4.20 × 10%/12 = 0.035 → 0.00; pays 4.20.
    expect(payoff.schedule.outcome === 'pays_off' && payoff.schedule.rows.map((r) => r.remainingTotalCents)).toEqual([10_334, 420, 0])
    await expect(service.getPayoffSchedule(asPat, ids.caseA, { months: 0 }, 'web')).rejects.toBeInstanceOf(CaseInquiryInputError)
  })

  it('offers the public calculator with payments from next month', () => {
    const schedule = service.calculatePayoff({ principalCents: 100_000, plan: { monthlyPaymentCents: 30_000 } })
    expect(schedule.outcome === 'pays_off' && schedule.rows[0]!.monthStart).toBe('2026-04-01')
  })
})

describe('family violence', () => {
  const protectedOf = (who: typeof rita | typeof pat) =>
    [who.addressLine1, who.phone, who.phone.slice(2), who.employer, ...('ssnLast4' in who ? [`SSN ${who.ssnLast4}`] : [])]

  async function everythingSeenBy(principal: Principal, caseId: number): Promise<string> {
    const results = [
      await service.listCaseSummaries(principal, 'web'),
      await service.getCaseSummary(principal, caseId, 'phone'),
      await service.getPaymentHistory(principal, caseId, { pageSize: 500 }, 'web'),
      await service.getEnforcement(principal, caseId, 'web'),
      await service.getNextSteps(principal, caseId, 'web'),
      await service.getCaseView(principal, caseId, 'web'),
      await service.getPaymentsOverview(principal, caseId, 'web'),
      await service.explainPayment(principal, caseId, ids.febPayment, 'web'),
      await service.explainPayment(principal, caseId, ids.marPayment, 'web'),
    ]
    return JSON.stringify(results)
  }

  it('never shows the paying parent the protected parent’s address, phone, employer or SSN', async () => {
    const seen = await everythingSeenBy(asPat, ids.caseA)
    for (const value of protectedOf(rita)) expect(seen).not.toContain(value)
    expect(seen).not.toContain('4321')
  })

  it('never shows the protected parent the other parent’s address, phone or employer either', async () => {
    const seen = await everythingSeenBy(asRita, ids.caseA)
    for (const value of protectedOf(pat)) expect(seen).not.toContain(value)
  })

  it('carries only message keys the locale files hold', async () => {
    expect(untranslatedMessages(JSON.parse(await everythingSeenBy(asPat, ids.caseA)))).toEqual([])
    expect(untranslatedMessages(JSON.parse(await everythingSeenBy(asRita, ids.caseA)))).toEqual([])
  })
})

describe('audit', () => {
  it('gives the payments page every year of the history with its totals, the case number and the side, for one audit row', async () => {
    for (const [principal, caseId] of [[asPat, ids.caseA], [asRita, ids.caseA]] as const) {
      const readsOf = async () => (await audit.caseAuditTrail(asSupervisor, caseId)).filter((e) => e.action !== 'audit_trail.read')
      const before = (await readsOf()).length
      const overview = await service.getPaymentsOverview(principal, caseId, 'web')
      expect(await readsOf()).toHaveLength(before + 1)
      const summary = await service.getCaseSummary(principal, caseId, 'web')
      const history = await service.getPaymentHistory(principal, caseId, { pageSize: 500 }, 'web')
      expect(history.years.length).toBeGreaterThan(0)
      expect(overview).toEqual({
        caseId, caseNumber: summary.caseNumber, caseNumberLast4: summary.caseNumberLast4, viewer: summary.viewer, years: history.years,
      })
    }
  })

  it('lists a parent’s cases for a form as the summaries name them, without reading any case or writing an audit row', async () => {
    for (const principal of [asPat, asRita]) {
      const rows = async () => Number((await database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      const before = await rows()
      const choices = await service.listCaseChoices(principal)
      expect(await rows()).toBe(before)
      const summaries = await service.listCaseSummaries(principal, 'web')
      expect(choices.length).toBeGreaterThan(0)
      expect(choices).toEqual(summaries.map((s) => ({ caseId: s.caseId, caseNumberLast4: s.caseNumberLast4, viewer: s.viewer })))
    }
    expect(await service.listCaseChoices(asRep)).toEqual([])
  })

  it('gives a case page the summary, enforcement and next steps of the separate calls, for one audit row', async () => {
    for (const [principal, caseId] of [[asPat, ids.caseA], [asRita, ids.caseA], [asRep, ids.caseB]] as const) {
      // Reading the trail is itself recorded; only the case's reads are counted.
      const readsOf = async () => (await audit.caseAuditTrail(asSupervisor, caseId)).filter((e) => e.action !== 'audit_trail.read')
      const before = (await readsOf()).length
      const view = await service.getCaseView(principal, caseId, 'web')
      const trail = await readsOf()
      expect(trail).toHaveLength(before + 1)
      expect(trail[0]).toMatchObject({ action: 'case.summary', details: { withEnforcement: true, withNextSteps: true } })
      expect(view).toEqual({
        summary: await service.getCaseSummary(principal, caseId, 'web'),
        enforcement: await service.getEnforcement(principal, caseId, 'web'),
        nextSteps: await service.getNextSteps(principal, caseId, 'web'),
      })
    }
  })

  it('records who read which case, through which channel, when and what', async () => {
    await service.getCaseSummary(asPat, ids.caseB, 'phone')
    await service.getPaymentHistory(asRep, ids.caseB, { page: 1 }, 'console')
    await service.explainPayment(asRep, ids.caseC, ids.otherCasePayment, 'console')
    const trailB = await audit.caseAuditTrail(asSupervisor, ids.caseB)
    expect(trailB.slice(0, 2)).toEqual([
      expect.objectContaining({ actor: { kind: 'staff', id: 1 }, channel: 'console', action: 'case.history', caseId: ids.caseB, occurredAt: '2026-03-10T18:00:00.000Z', details: { from: null, to: '2026-03-10', page: 1 } }),
      expect.objectContaining({ actor: { kind: 'parent', id: ids.pat }, channel: 'phone', action: 'case.summary', details: null }),
    ])
    const trailC = await audit.caseAuditTrail(asSupervisor, ids.caseC)
    expect(trailC.map((e) => e.action)).toContain('case.payment_explanation')
    expect(trailC.find((e) => e.action === 'case.payment_explanation')!.details).toEqual({ paymentId: ids.otherCasePayment })
  })

  it('records one row per case a list shows', async () => {
    const before = await database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    await service.listCaseSummaries(asPat, 'web')
    const after = await database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n) - Number(before.n)).toBe(2)
  })

  it('lets only a supervisor read the trail, and records that read too', async () => {
    await expect(audit.caseAuditTrail(asRep, ids.caseA)).rejects.toBeInstanceOf(AuditTrailForbidden)
    await expect(audit.caseAuditTrail(asPat, ids.caseA)).rejects.toBeInstanceOf(AuditTrailForbidden)
    await audit.caseAuditTrail(asSupervisor, ids.caseA)
    const [latest] = await audit.caseAuditTrail(asSupervisor, ids.caseA)
    expect(latest).toMatchObject({ action: 'audit_trail.read', actor: { kind: 'staff', id: 2 }, channel: 'console' })
  })

  it('gives the payments page the overview and the chosen year of the separate calls, for one audit row', async () => {
    for (const [principal, caseId] of [[asPat, ids.caseA], [asRita, ids.caseA], [asRep, ids.caseB]] as const) {
      const readsOf = async () => (await database.db.selectFrom('audit_events').select(['action', 'details']).where('case_id', '=', caseId).orderBy('id', 'desc').execute())
      const overview = await service.getPaymentsOverview(principal, caseId, 'web')
      // The newest year with entries unless asked; every year when there are none (the rep's case B has no payments).
      const newest = String(overview.years.at(-1)?.year ?? 'all')
      const oldest = overview.years[0]?.year ?? 2026
      for (const [year, chosen] of [[null, newest], [oldest, String(oldest)], ['all', 'all']] as const) {
        const before = await readsOf()
        const page = await service.getPaymentsPage(principal, caseId, { year, page: 1, pageSize: 5 }, 'web')
        const trail = await readsOf()
        expect(trail).toHaveLength(before.length + 1)
        const range = chosen === 'all' ? {} : { from: `${chosen}-01-01`, to: `${chosen}-12-31` }
        const history = await service.getPaymentHistory(principal, caseId, { ...range, page: 1, pageSize: 5 }, 'web')
        expect(page).toEqual({ overview, chosen, history })
        // The page's one row says what the history's own row says.
        expect(trail[0]!.action).toBe('case.history')
        expect(JSON.parse(trail[0]!.details!)).toEqual({ from: history.from, to: history.to, page: 1 })
      }
    }
  })

  it('gives the payment explanation page the summary and the explanation of the separate calls, for one audit row', async () => {
    for (const [principal, caseId] of [[asPat, ids.caseA], [asRita, ids.caseA]] as const) {
      const readsOf = async () => (await database.db.selectFrom('audit_events').select(['action', 'details']).where('case_id', '=', caseId).orderBy('id', 'desc').execute())
      const { lastPayment } = await service.getCaseSummary(principal, caseId, 'web')
      const before = (await readsOf()).length
      const view = await service.getPaymentExplanationView(principal, caseId, lastPayment!.paymentId, 'web')
      const trail = await readsOf()
      expect(trail).toHaveLength(before + 1)
      expect(trail[0]!.action).toBe('case.payment_explanation')
      expect(JSON.parse(trail[0]!.details!)).toEqual({ paymentId: lastPayment!.paymentId })
      expect(view).toEqual({
        summary: await service.getCaseSummary(principal, caseId, 'web'),
        explanation: await service.explainPayment(principal, caseId, lastPayment!.paymentId, 'web'),
      })
    }
  })
})
