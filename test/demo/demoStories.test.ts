// Each persona's story (DESIGN.md §3) is really in the data, whatever day the demo is started: checked on an
// ordinary day, on the first day of a federal fiscal year, and on a state holiday.
import { agencyDateOf } from '../../server/clock'
import { mayQualifyForCoap } from '../../server/cases/coapScreening'
import { lowIncomeThresholdCents, SACRAMENTO_COUNTY_MEDIAN_INCOME } from '../../server/cases/countyMedianIncome'
import { releaseRelief, statutoryResumptionOn } from '../../server/cases/incarcerationRelief'
import { addDays, addMonths, federalFiscalYear } from '../../server/agencyTime/calendarDates'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { caseOf, caseRowOf, ledgerOf, participantOf, persona, statementOf, testSsnKey } from './demoLookups'

describe.each(['2025-11-23', '2026-10-01', '2027-03-31'])('demo data started on %s', (today) => {
  let database: TestDatabase
  const db = () => database.db

  beforeAll(async () => {
    database = await createTestDatabase()
    await loadDemoData(database.db, { ssnHmacKey: testSsnKey, today })
  })
  afterAll(async () => {
    await database.close()
  })

  const enforcementOf = async (personaId: string) => {
    const participant = await participantOf(db(), personaId)
    return db().selectFrom('enforcement').selectAll().where('participant_id', '=', participant.id).execute()
  }

  it('has a paying parent who is current', async () => {
    const { balances } = await statementOf(db(), (await caseOf(db(), 'current-payer')).id, today)
    expect(balances.familyArrearsCents + balances.stateArrearsCents + balances.interestCents).toBe(0)
  })

  it('has a parent in arrears with a suspended license and income withholding', async () => {
    const found = await enforcementOf('suspended-license')
    expect(found).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'drivers_license', status: 'suspended' }),
      expect.objectContaining({ kind: 'income_withholding', status: 'active' }),
    ]))
    const { balances } = await statementOf(db(), (await caseOf(db(), 'suspended-license')).id, today)
    expect(balances.familyArrearsCents).toBeGreaterThan(0)
    // Above the FC 17520.5 line, so the suspension is lawful.
    const parent = await participantOf(db(), 'suspended-license')
    expect(parent.household_income_cents).toBeGreaterThan(lowIncomeThresholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, parent.household_size!))
  })

  it('exempts a low-income parent in arrears from suspension (FC 17520.5)', async () => {
    const parent = await participantOf(db(), 'low-income-exempt')
    expect(parent.household_income_cents).toBeLessThanOrEqual(lowIncomeThresholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, parent.household_size!))
    const license = (await enforcementOf('low-income-exempt')).filter((e) => e.kind === 'drivers_license')
    expect(license.map((e) => e.status)).toEqual(['exempt_low_income'])
    const { balances } = await statementOf(db(), (await caseOf(db(), 'low-income-exempt')).id, today)
    expect(balances.familyArrearsCents).toBeGreaterThan(0)
  })

  it('charges the never-assisted receiving parent the $35 fee in this and last fiscal year', async () => {
    const caseRow = await caseOf(db(), 'fee-paying-receiver', 'receiving')
    expect(caseRow.assistance_status).toBe('never')
    const rows = await ledgerOf(db(), caseRow.id)
    const thisYear = federalFiscalYear(today)
    for (const fiscalYear of [thisYear - 1, thisYear]) {
      const collected = rows.filter((r) => r.kind === 'payment' && federalFiscalYear(r.posted_on) === fiscalYear)
      expect(collected.reduce((sum, r) => sum + r.amount_cents, 0)).toBeGreaterThanOrEqual(55_000)
      const fees = rows.filter((r) => r.kind === 'fee' && federalFiscalYear(r.posted_on) === fiscalYear)
      expect(fees.reduce((sum, r) => sum + r.amount_cents, 0)).toBe(3_500)
      expect(fees.every((fee) => rows.some((r) => r.id === fee.related_entry_id && r.kind === 'payment'))).toBe(true)
    }
  })

  it('owes a former-CalWORKs family arrears both to the family and to the state', async () => {
    const caseRow = await caseOf(db(), 'former-calworks-receiver', 'receiving')
    expect(caseRow.assistance_status).toBe('former')
    const charges = (await ledgerOf(db(), caseRow.id)).filter((r) => r.kind === 'charge')
    expect(new Set(charges.map((r) => r.owed_to))).toEqual(new Set(['family', 'state']))
    const { balances } = await statementOf(db(), caseRow.id, today)
    expect(balances.familyArrearsCents).toBeGreaterThan(0)
    expect(balances.stateArrearsCents).toBeGreaterThan(0)
  })

  it('passes $200 a month through to a CalWORKs family with two children', async () => {
    const caseRow = await caseOf(db(), 'current-calworks-receiver', 'receiving')
    expect(caseRow.assistance_status).toBe('current')
    const children = await db().selectFrom('case_roles').select('participant_id').where('case_id', '=', caseRow.id).where('role', '=', 'child').execute()
    expect(children).toHaveLength(2)
    const { allocations } = await statementOf(db(), caseRow.id, today)
    expect(allocations.at(-1)?.passThroughCents).toBe(20_000)
  })

  it('gives one parent both roles, on two cases', async () => {
    const paying = await caseOf(db(), 'both-roles', 'paying')
    const receiving = await caseOf(db(), 'both-roles', 'receiving')
    expect(paying.id).not.toBe(receiving.id)
    expect(persona('both-roles').roles).toEqual(['paying', 'receiving'])
  })

  it('pauses support for a parent released from incarceration a few weeks ago', async () => {
    const parent = await participantOf(db(), 'released-parent')
    const releasedOn = addDays(today, -21)
    expect(parent.released_from_incarceration_on).toBe(releasedOn)
    const caseRow = await caseOf(db(), 'released-parent')
    const orders = await db().selectFrom('orders').selectAll().where('case_id', '=', caseRow.id).execute()
    const resumed = orders.find((o) => o.effective_from > releasedOn)
    expect(resumed?.effective_from).toBe(statutoryResumptionOn(releasedOn))
    expect(releaseRelief(releasedOn, resumed!.effective_from, today)).toMatchObject({ paused: true, recent: true })
    const charges = (await ledgerOf(db(), caseRow.id)).filter((r) => r.kind === 'charge')
    expect(charges.every((c) => c.posted_on < addMonths(today, -25))).toBe(true)
  })

  it('protects a family-violence survivor whose address is on file', async () => {
    const protectedParent = await participantOf(db(), 'protected-parent')
    expect(protectedParent).toMatchObject({ family_violence: 1, address_line1: expect.any(String), postal_code: expect.any(String) })
    const caseRow = await caseOf(db(), 'protected-parent', 'receiving')
    expect((await caseOf(db(), 'fv-paying-parent')).id).toBe(caseRow.id)
  })

  it('has a Spanish-speaking parent', async () => {
    expect((await participantOf(db(), 'spanish-speaker')).language).toBe('es')
  })

  it('has a hearing next week, after a document request', async () => {
    const parent = await participantOf(db(), 'hearing-next-week')
    const events = await db().selectFrom('events').selectAll().where('participant_id', '=', parent.id).where('status', 'in', ['scheduled', 'requested']).execute()
    const hearing = events.find((e) => e.kind === 'hearing')!
    const hearingDay = agencyDateOf(new Date(hearing.scheduled_for))
    expect(hearingDay > today && hearingDay <= addDays(today, 7)).toBe(true)
    const request = events.find((e) => e.kind === 'document_request')!
    expect(request.scheduled_for >= today && request.scheduled_for <= hearingDay).toBe(true)
  })

  it('has a low-income parent owing only the state, who may qualify for COAP', async () => {
    const parent = await participantOf(db(), 'coap-candidate')
    expect(parent.household_income_cents).toBeLessThanOrEqual(lowIncomeThresholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, parent.household_size!))
    const caseRow = await caseOf(db(), 'coap-candidate')
    const { balances, allocations } = await statementOf(db(), caseRow.id, today)
    expect(balances.familyArrearsCents + balances.familyInterestCents).toBe(0)
    const stateOwedCents = balances.stateArrearsCents + balances.stateInterestCents
    const yearAgo = addMonths(today, -12)
    const paidToStateLastYearCents = allocations
      .flatMap((a) => a.parts)
      .filter((p) => p.owedTo === 'state' && p.bucket !== 'current' && p.appliedOn > yearAgo)
      .reduce((sum, p) => sum + p.cents, 0)
    expect(mayQualifyForCoap({ stateOwedCents, caseOpen: caseRow.status === 'open', interstate: false, paidToStateLastYearCents })).toBe(true)
  })

  it('caps interest at 6% for a parent on active military duty', async () => {
    expect((await participantOf(db(), 'military-parent')).active_military).toBe(1)
    expect(await caseOf(db(), 'military-parent')).toMatchObject({ interest_rate_bp: 600, interest_rate_basis: 'scra' })
  })

  it('wrote off uncollectible state-owed arrears and ended enforcement', async () => {
    const caseRow = await caseRowOf(db(), persona('uncollectible-parent').cases[0]!)
    expect(caseRow).toMatchObject({ assistance_status: 'former', status: 'closed', enforcement_ended_reason: expect.any(String) })
    const adjustments = (await ledgerOf(db(), caseRow.id)).filter((r) => r.kind === 'adjustment')
    expect(adjustments).toEqual([expect.objectContaining({ reason: 'uncollectible', owed_to: 'state', amount_cents: expect.any(Number) })])
    expect(adjustments[0]!.amount_cents).toBeLessThan(0)
    expect((await statementOf(db(), caseRow.id, today)).balances.totalOwedCents).toBe(0)
  })
})
