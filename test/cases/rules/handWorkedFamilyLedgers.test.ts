// Ledgers worked by hand, month by month, for cases where everything is owed to the family.
// Monthly interest = principal × rate bp / 120,000, rounded half up to the cent.
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import { allocationOf, charge, monthlyCharges, partsOf, payment, terms } from './ledgerBuilders'

describe('hand-worked ledger 1: never assisted, one missed month, 10%', () => {
  // Jan 1  charge $600.00 (Jan). No payment in January.
  // Feb 1  interest on Jan's unpaid $600.00: 60000 × 1000 / 120000 = 500 ($5.00). Charge $600.00 (Feb).
  // Feb 5  pay $600.00 → current (Feb) 60000. FY 2024 collections 0 → 60000 crosses $550: $35 fee withheld.
  // Mar 1  interest on Jan's $600.00: 500; interest balance 1000. Charge $600.00 (Mar).
  // Mar 5  pay $1,200.00 → current (Mar) 60000, interest 1000, Jan principal 59000. Jan still owes 1000.
  // Apr 1  interest on 1000: 1000 × 1000 / 120000 = 8.33 → 8. No April charge: the order ended in March.
  const entries = [
    ...monthlyCharges(1, '2024-01-01', 3, 60000),
    payment(11, '2024-02-05', 60000),
    payment(12, '2024-03-05', 120000),
  ]

  it('is $10.00 of January arrears at the end of March', () => {
    const statement = replayLedger(terms(), entries, '2024-03-31')
    expect(statement.balances).toEqual({
      currentDueCents: 0,
      familyArrearsCents: 1000,
      stateArrearsCents: 0,
      familyInterestCents: 0,
      stateInterestCents: 0,
      interestCents: 0,
      totalOwedCents: 1000,
    })
    expect(statement.interestAccruals.map((a) => [a.accruedOn, a.principalCents, a.cents])).toEqual([
      ['2024-02-01', 60000, 500],
      ['2024-03-01', 60000, 500],
    ])
    expect(partsOf(allocationOf(statement, 12))).toEqual([
      ['current', 'family', '2024-03-01', 60000],
      ['interest', 'family', undefined, 1000],
      ['family_arrears', 'family', '2024-01-01', 59000],
    ])
    expect(allocationOf(statement, 11)).toMatchObject({
      toFamilyCents: 60000,
      feeWithheldCents: 3500,
      disbursedToFamilyCents: 56500,
    })
    expect(statement.oldestUnpaidDueOn).toBe('2024-01-01')
    expect(statement.nextDue).toEqual({
      kind: 'next_month',
      dueOn: '2024-04-01',
      monthlyCents: 60000,
      expectedCents: 60000,
    })
  })

  it('adds 8 cents of interest on April 1 and has nothing more to charge', () => {
    const statement = replayLedger(terms(), entries, '2024-04-15')
    expect(statement.balances).toMatchObject({ familyArrearsCents: 1000, familyInterestCents: 8, totalOwedCents: 1008 })
    expect(statement.nextDue).toEqual({ kind: 'none' })
  })
})

describe('hand-worked ledger 2: paying parent on active duty, 6% (SCRA), former assistance', () => {
  // Jan 1  charge $1,234.56 to the family. Nothing paid.
  // Feb 1, Mar 1, Apr 1: 123456 × 600 / 120000 = 617.28 → 617 each; interest 1851 after April 1.
  // Apr 20 pay $1,253.07 (125307): no April charge, so interest 1851 first, then Jan's principal 123456. All paid.
  // May 1, Jun 1: no principal, no interest.
  const scra = terms({ interestRateBasisPoints: 600, assistanceStatus: 'former' })
  const entries = [charge(1, '2024-01-01', 123456), payment(11, '2024-04-20', 125307)]

  it('owes 617 cents a month before the payment', () => {
    const statement = replayLedger(scra, entries, '2024-04-19')
    expect(statement.balances).toMatchObject({
      familyArrearsCents: 123456,
      familyInterestCents: 1851,
      totalOwedCents: 125307,
    })
  })

  it('is paid in full and stops accruing', () => {
    const statement = replayLedger(scra, entries, '2024-06-30')
    expect(statement.balances.totalOwedCents).toBe(0)
    expect(statement.interestAccruals.map((a) => [a.accruedOn, a.cents])).toEqual([
      ['2024-02-01', 617],
      ['2024-03-01', 617],
      ['2024-04-01', 617],
    ])
    expect(partsOf(allocationOf(statement, 11))).toEqual([
      ['interest', 'family', undefined, 1851],
      ['family_arrears', 'family', '2024-01-01', 123456],
    ])
    expect(statement.fees).toEqual([])
  })
})

describe('hand-worked ledger 3: FC 17208 fee never from the first $550, then again in the next fiscal year', () => {
  // FY 2024 (Oct 2023 – Sep 2024):
  // Aug 1  charge $300. Aug 15 pay $300 → current. FY collections 30000.
  // Sep 1  charge $300. Sep 15 pay $250 → current 25000; Sep owes 5000. FY collections 55000 = $550 exactly: nothing
  //        above $550 yet, so no fee from this payment: disbursed 25000.
  // Sep 25 pay $40 → current (Sep) 4000; Sep owes 1000. FY collections 59000: all 4000 of it is above $550, so the
  //        $35 fee is charged on it and withheld: disbursed 4000 - 3500 = 500.
  // FY 2025 starts Oct 1:
  // Oct 1  interest 1000 × 1000 / 120000 = 8.33 → 8. Charge $300. Oct 15 pay $300 → current. FY 2025: 30000.
  // Nov 1  interest 8 (total 16). Charge $300. Nov 15 pay $300 → current. FY 2025: 60000, 5000 above → second fee.
  const entries = [
    ...monthlyCharges(1, '2024-08-01', 4, 30000),
    payment(11, '2024-08-15', 30000),
    payment(12, '2024-09-15', 25000),
    payment(13, '2024-09-25', 4000),
    payment(14, '2024-10-15', 30000),
    payment(15, '2024-11-15', 30000),
  ]
  const statement = replayLedger(terms(), entries, '2024-11-30')

  it('charges one fee per fiscal year on the first dollars above $550', () => {
    expect(statement.fees).toEqual([
      { fiscalYear: 2024, chargedOn: '2024-09-25', cents: 3500, paymentId: 13, withheldCents: 3500 },
      { fiscalYear: 2025, chargedOn: '2024-11-15', cents: 3500, paymentId: 15, withheldCents: 3500 },
    ])
    expect(allocationOf(statement, 12)).toMatchObject({
      toFamilyCents: 25000,
      feeWithheldCents: 0,
      disbursedToFamilyCents: 25000,
    })
    expect(allocationOf(statement, 13)).toMatchObject({
      toFamilyCents: 4000,
      feeWithheldCents: 3500,
      disbursedToFamilyCents: 500,
    })
    expect(allocationOf(statement, 14)).toMatchObject({ feeWithheldCents: 0, disbursedToFamilyCents: 30000 })
    expect(allocationOf(statement, 15)).toMatchObject({ feeWithheldCents: 3500, disbursedToFamilyCents: 26500 })
    expect(statement).toMatchObject({ fiscalYear: 2025, collectedInFiscalYearCents: 60000 })
  })

  it('does not add the fee to what the paying parent owes', () => {
    expect(statement.balances).toMatchObject({
      familyArrearsCents: 1000,
      familyInterestCents: 16,
      totalOwedCents: 1016,
    })
  })
})

describe('hand-worked ledger 4: an overpayment held as credit and used by the next charges', () => {
  // May 1  charge $200. May 3 pay $500 → current 20000; 30000 owed to no one: held as credit.
  // Jun 1  no principal, no interest. Charge $200 → credit pays it that day; credit 10000 left.
  // Jul 1  charge $200 → the last 10000 of credit pays half; 10000 due now.
  // FY 2024 collections are 50000 < 55000: no fee.
  const entries = [...monthlyCharges(1, '2024-05-01', 3, 20000), payment(11, '2024-05-03', 50000)]

  it('holds $100 after June is paid, and expects only $100 in July', () => {
    const statement = replayLedger(terms(), entries, '2024-06-15')
    expect(statement.balances.totalOwedCents).toBe(0)
    expect(statement.creditHeldCents).toBe(10000)
    const allocation = allocationOf(statement, 11)
    expect(allocation.parts).toEqual([
      { bucket: 'current', owedTo: 'family', chargeDueOn: '2024-05-01', cents: 20000, appliedOn: '2024-05-03' },
      { bucket: 'current', owedTo: 'family', chargeDueOn: '2024-06-01', cents: 20000, appliedOn: '2024-06-01' },
    ])
    expect(allocation).toMatchObject({ unappliedCents: 10000, toFamilyCents: 40000, feeWithheldCents: 0 })
    expect(statement.nextDue).toEqual({
      kind: 'next_month',
      dueOn: '2024-07-01',
      monthlyCents: 20000,
      expectedCents: 10000,
    })
  })

  it('uses the rest in July and shows $100 due now', () => {
    const statement = replayLedger(terms(), entries, '2024-07-10')
    expect(statement.creditHeldCents).toBe(0)
    expect(allocationOf(statement, 11).unappliedCents).toBe(0)
    expect(statement.balances).toMatchObject({ currentDueCents: 10000, totalOwedCents: 10000 })
    expect(statement.nextDue).toEqual({ kind: 'now', monthStart: '2024-07-01', dueCents: 10000, monthlyCents: 20000 })
  })
})
