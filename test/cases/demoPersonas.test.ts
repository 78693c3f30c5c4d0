// Every demo persona, through the real service on the demo database (SQLite, or PostgreSQL with TEST_POSTGRES_URL):
// what each one sees matches its story (server/demo/personaCatalog.ts), no parent reads any case but their own
// side of their own, and no result carries another parent's address, phone, employer or SSN.
import type { Principal } from '../../server/audit/principal'
import { createAuditService } from '../../server/audit/auditService'
import { CaseNotFound } from '../../server/cases/caseErrors'
import { createCaseInquiryService } from '../../server/cases/caseInquiryService'
import type { CaseSummary } from '../../server/cases/caseSummaries'
import { addMonths } from '../../server/agencyTime/calendarDates'
import { fixedClock } from '../../server/clock'
import { demoCaseCatalog } from '../../server/demo/demoCaseCatalog'
import { parentByKey } from '../../server/demo/demoDataset'
import { demoPersonas } from '../../server/demo/personas'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { untranslatedMessages } from './helpers/messageCatalog'

const today = '2026-03-10'
const clock = fixedClock('2026-03-10T18:00:00Z')
const personas = demoPersonas()

let database: TestDatabase
let service: ReturnType<typeof createCaseInquiryService>
const participantIdOf = new Map<string, number>()
const caseIdOf = new Map<string, number>()
let allCaseIds: number[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  await loadDemoData(database.db, { ssnHmacKey: 'test-key', today })
  for (const p of await database.db.selectFrom('participants').select(['id', 'par_id']).execute()) participantIdOf.set(p.par_id, p.id)
  for (const c of await database.db.selectFrom('cases').select(['id', 'case_number']).execute()) caseIdOf.set(c.case_number, c.id)
  allCaseIds = [...caseIdOf.values()].sort((a, b) => a - b)
  service = createCaseInquiryService({ db: database.db, clock })
}, 120_000)

afterAll(async () => {
  await database.close()
})

function principalOf(personaId: string): Principal {
  const persona = personas.find((p) => p.id === personaId)!
  return { kind: 'parent', participantId: participantIdOf.get(persona.phone.parId)! }
}

async function summariesOf(personaId: string): Promise<CaseSummary[]> {
  return service.listCaseSummaries(principalOf(personaId), 'web')
}

async function onlySummary(personaId: string): Promise<CaseSummary> {
  const summaries = await summariesOf(personaId)
  expect(summaries).toHaveLength(1)
  return summaries[0]!
}

async function everythingFor(personaId: string, caseId: number) {
  const principal = principalOf(personaId)
  const summary = await service.getCaseSummary(principal, caseId, 'phone')
  return {
    summary,
    history: await service.getPaymentHistory(principal, caseId, { pageSize: 500 }, 'web'),
    enforcement: await service.getEnforcement(principal, caseId, 'web'),
    nextSteps: await service.getNextSteps(principal, caseId, 'web'),
    lastPayment: summary.lastPayment ? await service.explainPayment(principal, caseId, summary.lastPayment.paymentId, 'web') : null,
  }
}

const stepKinds = async (personaId: string, caseId: number) =>
  (await service.getNextSteps(principalOf(personaId), caseId, 'web')).steps.map((s) => s.kind)

describe('every persona', () => {
  it('is covered by these tests', () => {
    expect(personas.map((p) => p.id).sort()).toEqual([
      'both-roles', 'coap-candidate', 'current-calworks-receiver', 'current-payer', 'fee-paying-receiver', 'former-calworks-receiver',
      'fv-paying-parent', 'hearing-next-week', 'low-income-exempt', 'military-parent', 'protected-parent', 'released-parent',
      'spanish-speaker', 'suspended-license', 'uncollectible-parent',
    ])
  })

  it.each(personas.map((p) => [p.id]))('%s sees exactly their cases, each from their own side, with translated words', async (id) => {
    const persona = personas.find((p) => p.id === id)!
    const summaries = await summariesOf(id)
    expect(summaries.map((s) => s.caseNumber).sort()).toEqual([...persona.cases].sort())
    for (const summary of summaries) {
      const definition = demoCaseCatalog.find((c) => c.caseNumber === summary.caseNumber)!
      expect(summary.viewer).toBe(definition.paying === id ? 'paying' : 'receiving')
      const everything = await everythingFor(id, summary.caseId)
      // The phone and the web read one function: the same figures, whatever the channel.
      expect(everything.summary).toEqual(summary)
      expect(everything.history.items.length).toBe(everything.history.totalItems)
      expect(untranslatedMessages(everything)).toEqual([])
      const b = summary.balances
      expect(b.currentDueCents + b.familyArrearsCents + b.stateArrearsCents + b.interestCents).toBe(b.totalOwedCents)
      expect(Object.values(b).every((cents) => Number.isSafeInteger(cents) && cents >= 0)).toBe(true)
    }
  })

  it.each(personas.map((p) => [p.id]))('%s cannot read any other case, or the other side of their own, whatever id they try', async (id) => {
    const principal = principalOf(id)
    const mine = new Set((personas.find((p) => p.id === id)!.cases).map((n) => caseIdOf.get(n)!))
    for (const caseId of [...allCaseIds, Math.max(...allCaseIds) + 1, 0, -1]) {
      const calls = [
        () => service.getCaseSummary(principal, caseId, 'web'),
        () => service.getPaymentHistory(principal, caseId, {}, 'web'),
        () => service.getEnforcement(principal, caseId, 'web'),
        () => service.getNextSteps(principal, caseId, 'web'),
      ]
      for (const call of calls) {
        if (mine.has(caseId)) await expect(call()).resolves.toMatchObject({ caseId, viewer: expect.stringMatching(/^(paying|receiving)$/) })
        else await expect(call()).rejects.toBeInstanceOf(CaseNotFound)
      }
    }
  })

  it.each(personas.map((p) => [p.id]))('%s never sees the other parent’s address, phone, employer or SSN', async (id) => {
    for (const caseNumber of personas.find((p) => p.id === id)!.cases) {
      const definition = demoCaseCatalog.find((c) => c.caseNumber === caseNumber)!
      const other = parentByKey(definition.paying === id ? definition.receiving : definition.paying)
      const seen = JSON.stringify([await everythingFor(id, caseIdOf.get(caseNumber)!), await summariesOf(id)])
      const secrets = [other.address.line1, other.phone, other.phone.slice(2), other.ssn, other.ssn.replace(/-/g, ''), other.email ?? other.phone]
      if (other.employer) secrets.push(other.employer)
      for (const secret of secrets) expect({ caseNumber, leaked: seen.includes(secret) ? secret : null }).toEqual({ caseNumber, leaked: null })
    }
  })
})

describe('the stories', () => {
  it('current-payer: current, withheld from his pay, nothing overdue', async () => {
    const summary = await onlySummary('current-payer')
    expect(summary.balances.totalOwedCents).toBe(0)
    expect(summary.orders.map((o) => [o.kind, o.monthlyCents])).toEqual([['child', 70_000], ['medical', 8_000]])
    expect(summary.monthlyOrderCents).toBe(78_000)
    expect(summary.lastPayment).toMatchObject({ amountCents: 78_000, method: 'income_withholding', postedOn: '2026-03-01' })
    expect(summary.paying!.nextPayment).toEqual({ kind: 'next_month', dueOn: '2026-04-01', monthlyCents: 78_000, expectedCents: 78_000 })
    expect(summary.alerts).toEqual([])
    const enforcement = await service.getEnforcement(principalOf('current-payer'), summary.caseId, 'web')
    expect(enforcement.incomeWithholding).toMatchObject({ status: 'active', employerName: 'Capitol Valley Health' })
    expect(enforcement.driversLicense.status).toBe('not_listed')
    expect(await stepKinds('current-payer', summary.caseId)).toEqual(['contact_us'])
  })

  it('fee-paying-receiver: the $35 fee kept back once a fiscal year, paid by direct deposit', async () => {
    const summary = await onlySummary('fee-paying-receiver')
    expect(summary.receiving).toMatchObject({ fiscalYear: 2026, feesWithheldThisFiscalYearCents: 3_500 })
    expect(summary.receiving!.lastDisbursement).toMatchObject({ method: 'direct_deposit', amountCents: 78_000 })
    const history = await service.getPaymentHistory(principalOf('fee-paying-receiver'), summary.caseId, { pageSize: 500 }, 'web')
    const fees = history.items.filter((i) => i.kind === 'fee')
    // One $35 fee in each federal fiscal year (Oct 1 – Sep 30) in which $550 was collected: $780 a month crosses it
    // with the year's first payment.
    const fiscalYear = (date: string) => Number(date.slice(0, 4)) + (date.slice(5, 7) >= '10' ? 1 : 0)
    expect(fees.every((f) => f.amountCents === 3_500)).toBe(true)
    const payments = history.items.filter((i) => i.kind === 'payment')
    const years = [...new Set(payments.map((p) => fiscalYear(p.date)))].sort()
    expect(fees.map((f) => fiscalYear(f.date)).sort()).toEqual(years)
    for (const fee of fees) {
      const firstOfYear = payments.filter((p) => fiscalYear(p.date) === fiscalYear(fee.date)).at(-1)!
      expect(fee.kind === 'fee' && fee.paymentId).toBe(firstOfYear.id)
    }
    const explained = await service.explainPayment(principalOf('fee-paying-receiver'), summary.caseId, fees[0]!.kind === 'fee' ? fees[0]!.paymentId! : 0, 'web')
    expect(explained.family).toMatchObject({ feeWithheldCents: 3_500, disbursedCents: 78_000 - 3_500 })
    expect(await stepKinds('fee-paying-receiver', summary.caseId)).toEqual(['annual_fee', 'contact_us'])
  })

  it('suspended-license: in arrears, license suspended, withholding at the new job, a tax refund intercepted', async () => {
    const summary = await onlySummary('suspended-license')
    expect(summary.balances.familyArrearsCents).toBeGreaterThan(0)
    expect(summary.alerts.map((a) => a.kind)).toEqual(['license_suspended'])
    const principal = principalOf('suspended-license')
    const enforcement = await service.getEnforcement(principal, summary.caseId, 'web')
    expect(enforcement.driversLicense).toMatchObject({
      status: 'suspended',
      release: { ways: ['pay_past_due', 'payment_plan'], releasedBy: { county: 'Sacramento', officeCode: 'SAC01' } },
      lowIncome: { householdIncomeCents: 6_400_000, atOrBelowThreshold: false },
    })
    expect(enforcement.incomeWithholding).toMatchObject({ status: 'active', employerName: 'Delta Freight Logistics' })
    expect(enforcement.taxIntercept.status).toBe('active')
    const history = await service.getPaymentHistory(principal, summary.caseId, { pageSize: 500 }, 'web')
    const intercept = history.items.find((i) => i.kind === 'payment' && i.method === 'tax_intercept')!
    expect(intercept.amountCents).toBe(118_400)
    expect((await service.explainPayment(principal, summary.caseId, intercept.id, 'web')).notes.map((n) => n.key)).toContain('cases:explain.taxIntercept')
    expect(await stepKinds('suspended-license', summary.caseId)).toEqual(['license_release', 'pay_current_support', 'contact_us'])
  })

  it('both-roles: receives from Derek Olsen by debit card, pays Rosa Hernández online and by PayPal', async () => {
    const summaries = await summariesOf('both-roles')
    const receiving = summaries.find((s) => s.viewer === 'receiving')!
    const paying = summaries.find((s) => s.viewer === 'paying')!
    expect(receiving.caseNumber).toBe('340010097733')
    expect(receiving.receiving!.lastDisbursement!.method).toBe('debit_card')
    expect(receiving.paying).toBeNull()
    expect(paying.caseNumber).toBe('340010215560')
    expect(paying.receiving).toBeNull()
    const history = await service.getPaymentHistory(principalOf('both-roles'), paying.caseId, { pageSize: 500 }, 'web')
    expect(new Set(history.items.map((i) => i.kind))).toEqual(new Set(['payment']))
    expect(new Set(history.items.map((i) => (i.kind === 'payment' ? i.method : null)))).toEqual(new Set(['sdu_online', 'paypal']))
    // On the case where Jordan receives, the paying parent's employer stays out of sight.
    const enforcement = await service.getEnforcement(principalOf('both-roles'), receiving.caseId, 'web')
    expect(enforcement.driversLicense).toMatchObject({ status: 'suspended', release: null, lowIncome: null })
    expect(enforcement.incomeWithholding).toMatchObject({ status: 'active', employerName: null })
  })

  it('spanish-speaker: a receiving parent paid by direct deposit, whose next payout is expected', async () => {
    const summary = await onlySummary('spanish-speaker')
    expect(summary.viewer).toBe('receiving')
    expect(summary.receiving!.lastDisbursement!.method).toBe('direct_deposit')
  })

  it('spanish-speaker: a year reaches exactly $550 with its first payment, so the $35 fee comes out of the second', async () => {
    const principal = principalOf('spanish-speaker')
    const summary = await onlySummary('spanish-speaker')
    expect(summary.monthlyOrderCents).toBe(55_000)
    const history = await service.getPaymentHistory(principal, summary.caseId, { pageSize: 500 }, 'web')
    const fiscalYear = (date: string) => Number(date.slice(0, 4)) + (date.slice(5, 7) >= '10' ? 1 : 0)
    // Newest first in the history; read each fiscal year oldest first.
    const payments = history.items.filter((i) => i.kind === 'payment').reverse()
    const fees = history.items.filter((i) => i.kind === 'fee')
    const years = [...new Set(payments.map((p) => fiscalYear(p.date)))]
    expect(years.length).toBeGreaterThanOrEqual(3)
    for (const year of years) {
      const ofYear = payments.filter((p) => fiscalYear(p.date) === year)
      expect(ofYear.every((p) => p.amountCents === 55_000)).toBe(true)
      const [first, second] = ofYear
      const exactly = await service.explainPayment(principal, summary.caseId, first!.id, 'web')
      expect(exactly.family).toMatchObject({ feeWithheldCents: 0, disbursedCents: 55_000 })
      const feesOfYear = fees.filter((f) => fiscalYear(f.date) === year)
      if (!second) {
        expect(feesOfYear).toEqual([])
        continue
      }
      expect(feesOfYear).toEqual([expect.objectContaining({ amountCents: 3_500, paymentId: second.id })])
      const above = await service.explainPayment(principal, summary.caseId, second.id, 'web')
      expect(above.family).toMatchObject({ feeWithheldCents: 3_500, disbursedCents: 55_000 - 3_500 })
    }
    // Today (March 10, 2026) is in fiscal year 2026: October's $550, then the fee from November's payment.
    expect(summary.receiving).toMatchObject({ fiscalYear: 2026, feesWithheldThisFiscalYearCents: 3_500 })
  })

  it('low-income-exempt: in arrears, but no suspension at or below 70% of the county median (FC 17520.5)', async () => {
    const summary = await onlySummary('low-income-exempt')
    expect(summary.balances.familyArrearsCents).toBeGreaterThan(0)
    expect(summary.alerts.map((a) => a.kind)).not.toContain('license_suspended')
    const principal = principalOf('low-income-exempt')
    const enforcement = await service.getEnforcement(principal, summary.caseId, 'web')
    expect(enforcement.driversLicense).toMatchObject({
      status: 'exempt_low_income',
      release: null,
      lowIncome: { householdIncomeCents: 2_940_000, householdSize: 3, thresholdCents: 7_178_500, atOrBelowThreshold: true },
    })
    const history = await service.getPaymentHistory(principal, summary.caseId, { pageSize: 500 }, 'web')
    expect(new Set(history.items.map((i) => (i.kind === 'payment' ? i.method : null)))).toEqual(new Set(['paynearme', 'mail']))
  })

  it('former-calworks-receiver: owed to the family and to the state, the family paid first (AB 135)', async () => {
    const summary = await onlySummary('former-calworks-receiver')
    expect(summary.balances.familyArrearsCents).toBeGreaterThan(0)
    expect(summary.balances.stateArrearsCents).toBeGreaterThan(0)
    expect(summary.receiving!.lastDisbursement!.method).toBe('debit_card')
    const principal = principalOf('former-calworks-receiver')
    const history = await service.getPaymentHistory(principal, summary.caseId, { pageSize: 500 }, 'web')
    // The paying parent pays 60% of current support by phone, so those payments go to the month's support; each says
    // the family's arrears come before the state's.
    const payments = history.items.filter((i) => i.kind === 'payment')
    for (const item of payments.filter((i) => i.kind === 'payment' && i.method === 'sdu_phone')) {
      const explained = await service.explainPayment(principal, summary.caseId, item.id, 'web')
      expect(explained.notes.map((n) => n.key)).toContain('cases:explain.familyFirst')
      expect(explained.parts.map((p) => p.bucket)).toEqual(['current'])
    }
    // One payment, $1,500 by mail, is more than the month's support: after it, family first sends the rest to the
    // family's interest and arrears while the state is still owed (under state first it would all be the state's).
    const larger = payments.filter((i) => i.kind === 'payment' && i.method === 'mail')
    expect(larger).toEqual([expect.objectContaining({ amountCents: 150_000, date: '2026-01-24' })])
    const explained = await service.explainPayment(principal, summary.caseId, larger[0]!.id, 'web')
    expect(explained.notes.map((n) => n.key)).toContain('cases:explain.familyFirst')
    expect([...new Set(explained.parts.map((p) => p.bucket))]).toEqual(['current', 'interest', 'family_arrears'])
    expect(explained.parts.every((p) => p.owedTo === 'family')).toBe(true)
    expect(explained.parts.reduce((sum, p) => sum + p.cents, 0)).toBe(150_000)
    expect(explained.family).toMatchObject({ toFamilyCents: 150_000 })
    expect(await stepKinds('former-calworks-receiver', summary.caseId)).toEqual(['contact_us'])
  })

  it('current-calworks-receiver: collections repay the state except the first $200 a month (FC 17504, two children)', async () => {
    const summary = await onlySummary('current-calworks-receiver')
    const principal = principalOf('current-calworks-receiver')
    const history = await service.getPaymentHistory(principal, summary.caseId, { pageSize: 500 }, 'web')
    const recentPayments = history.items.filter((i) => i.kind === 'payment' && i.date >= addMonths(today, -12))
    expect(recentPayments.length).toBeGreaterThan(0)
    for (const payment of recentPayments) {
      const explained = await service.explainPayment(principal, summary.caseId, payment.id, 'web')
      expect(explained.notes.map((n) => n.key)).toContain('cases:explain.stateFirst')
      expect(explained.family!.passThroughCents).toBeGreaterThan(0)
      expect(explained.family!.passThroughCents).toBeLessThanOrEqual(20_000)
    }
    // Since the family went on CalWORKs (20 months ago) no month pays out more than the $200 cap.
    for (const month of history.months.filter((m) => m.month >= addMonths(today, -19).slice(0, 7))) {
      expect(month.disbursementsCents).toBeLessThanOrEqual(20_000)
    }
    expect(summary.receiving!.lastDisbursement).toMatchObject({ amountCents: 20_000, method: 'debit_card' })
  })

  it('released-parent: older arrears remain, support resumes after release, a review is suggested', async () => {
    const summary = await onlySummary('released-parent')
    expect(summary.balances.familyArrearsCents).toBeGreaterThan(0)
    const resumption = summary.orders.find((o) => o.effectiveFrom > addMonths(today, -2))!
    expect(resumption).toMatchObject({ kind: 'child', monthlyCents: 45_000 })
    const releaseAlert = summary.alerts.find((a) => a.kind === 'support_paused' || a.kind === 'support_resumed')!
    expect(Object.values(releaseAlert.params)).toEqual([{ date: resumption.effectiveFrom }])
    expect(summary.alerts.map((a) => a.kind)).toContain('appointment_soon')
    const steps = await stepKinds('released-parent', summary.caseId)
    expect(steps[0]).toBe('appointment')
    expect(steps).toContain('modification')
    expect((await service.getNextSteps(principalOf('released-parent'), summary.caseId, 'web')).steps.map((s) => s.key))
      .toContain('cases:nextSteps.modificationAfterRelease')
  })

  it('protected-parent and fv-paying-parent: the same case, each seeing only their own contact data', async () => {
    const emily = await onlySummary('protected-parent')
    const ryan = await onlySummary('fv-paying-parent')
    expect(emily.caseId).toBe(ryan.caseId)
    expect(emily.balances).toEqual(ryan.balances)
    const ryanEnforcement = await service.getEnforcement(principalOf('fv-paying-parent'), ryan.caseId, 'web')
    expect(ryanEnforcement.incomeWithholding.employerName).toBe('River City Builders')
    const seenByRyan = JSON.stringify(await everythingFor('fv-paying-parent', ryan.caseId))
    for (const secret of ['2817 Riverside Blvd', '+19165550110', 'American River Dental Group', '900-51-2190', '900512190', 'emily.carter@example.com']) {
      expect(seenByRyan).not.toContain(secret)
    }
  })

  it('hearing-next-week: laid off, behind, a document due before the modification hearing', async () => {
    const summary = await onlySummary('hearing-next-week')
    expect(summary.orders.map((o) => o.kind).sort()).toEqual(['child', 'medical', 'spousal'])
    expect(summary.monthlyOrderCents).toBe(140_000)
    expect(summary.balances.familyArrearsCents).toBeGreaterThan(0)
    expect(summary.alerts.map((a) => a.kind)).toEqual(['hearing_soon', 'documents_due'])
    const steps = await service.getNextSteps(principalOf('hearing-next-week'), summary.caseId, 'web')
    expect(steps.steps.map((s) => s.kind)).toEqual(['document_request', 'hearing', 'pay_current_support', 'modification', 'contact_us'])
    expect(steps.steps[1]!.params.topic).toEqual({ text: 'Request to modify child and spousal support (FL-300)' })
  })

  it('coap-candidate: current every month, but owes the state only, so COAP is suggested', async () => {
    const summary = await onlySummary('coap-candidate')
    expect(summary.balances).toMatchObject({ familyArrearsCents: 0, familyInterestCents: 0 })
    expect(summary.balances.stateArrearsCents).toBeGreaterThan(0)
    const steps = await service.getNextSteps(principalOf('coap-candidate'), summary.caseId, 'web')
    expect(steps.steps.find((s) => s.kind === 'coap')!.params).toEqual({
      stateOwed: { money: summary.balances.stateArrearsCents + summary.balances.stateInterestCents },
    })
  })

  it('military-parent: interest capped at 6% (SCRA), paid by allotment', async () => {
    const summary = await onlySummary('military-parent')
    expect(summary.interestRate).toEqual({ basisPoints: 600, basis: 'scra' })
    expect(summary.lastPayment!.method).toBe('income_withholding')
    const payoff = await service.getPayoffSchedule(principalOf('military-parent'), summary.caseId, { months: 24 }, 'web')
    expect(payoff.rateBasisPoints).toBe(600)
  })

  it('uncollectible-parent: state arrears written off, enforcement ended, case closed', async () => {
    const summary = await onlySummary('uncollectible-parent')
    expect(summary.status).toBe('closed')
    expect(summary.balances.totalOwedCents).toBe(0)
    expect(summary.paying!.nextPayment).toEqual({ kind: 'none' })
    const enforcement = await service.getEnforcement(principalOf('uncollectible-parent'), summary.caseId, 'web')
    expect(enforcement.driversLicense.status).toBe('released')
    expect(enforcement.taxIntercept.status).toBe('ended')
    expect(await stepKinds('uncollectible-parent', summary.caseId)).toEqual(['contact_us'])
  })
})

describe('the demo in the audit trail', () => {
  it('holds a row for each read a persona made, with who, which case and which channel', async () => {
    const principal = principalOf('spanish-speaker')
    const summary = await onlySummary('spanish-speaker')
    await service.getCaseSummary(principal, summary.caseId, 'phone')
    const audit = createAuditService({ db: database.db, clock })
    const trail = await audit.caseAuditTrail({ kind: 'staff', staffId: 3, role: 'supervisor' }, summary.caseId)
    expect(trail[0]).toMatchObject({
      actor: { kind: 'parent', id: (principal as { participantId: number }).participantId },
      caseId: summary.caseId, channel: 'phone', action: 'case.summary', occurredAt: '2026-03-10T18:00:00.000Z',
    })
  })
})
