// Ledgers worked by hand, month by month, for families who received CalWORKs (state-owed support).
// Monthly interest = principal × rate bp / 120,000, rounded half up to the cent, per party.
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import { adjustment, allocationOf, charge, partsOf, payment, terms } from './ledgerBuilders'

describe('hand-worked ledger 5: former CalWORKs, the family is paid before the state (AB 135)', () => {
  // Nov 1  charge $400 owed to the state (family on CalWORKs in November).
  // Dec 1  state interest 40000 × 1000 / 120000 = 333.33 → 333. Charge $400 to the state.
  // Jan 1  state interest 80000 → 666.67 → 667 (state interest 1000). Off aid: charge $400 to the family.
  // Feb 1  family interest 40000 → 333; state interest 80000 → 667 (state interest 1667). Charge $400 to the family.
  // Feb 15 pay $1,000: current (Feb, family) 40000 → 60000 left; family interest 333 → 59667; family arrears (Jan)
  //        40000 → 19667; state interest 1667 → 18000; state arrears, oldest (Nov) first, 18000 → 0.
  //        State arrears left: Nov 22000 + Dec 40000 = 62000.
  const entries = [
    charge(1, '2023-11-01', 40000, 'state'),
    charge(2, '2023-12-01', 40000, 'state'),
    charge(3, '2024-01-01', 40000, 'family'),
    charge(4, '2024-02-01', 40000, 'family'),
    payment(11, '2024-02-15', 100000),
  ]
  const statement = replayLedger(terms({ assistanceStatus: 'former' }), entries, '2024-02-29')

  it('pays family debts in full before any state debt', () => {
    const allocation = allocationOf(statement, 11)
    expect(partsOf(allocation)).toEqual([
      ['current', 'family', '2024-02-01', 40000],
      ['interest', 'family', undefined, 333],
      ['family_arrears', 'family', '2024-01-01', 40000],
      ['interest', 'state', undefined, 1667],
      ['state_arrears', 'state', '2023-11-01', 18000],
    ])
    expect(allocation).toMatchObject({
      toFamilyCents: 80333,
      toStateCents: 19667,
      passThroughCents: 0,
      unappliedCents: 0,
    })
  })

  it('leaves $620 of state arrears', () => {
    expect(statement.balances).toEqual({
      currentDueCents: 0,
      familyArrearsCents: 0,
      stateArrearsCents: 62000,
      familyInterestCents: 0,
      stateInterestCents: 0,
      interestCents: 0,
      totalOwedCents: 62000,
    })
  })
})

describe('hand-worked ledger 6: on CalWORKs now, one child: $100 a month passed through (FC 17504)', () => {
  // Mar 1  charge $500, assigned to the state.
  // Mar 10 pay $300 → current 30000; first 10000 collected in March passes to the family; state keeps 20000.
  // Mar 25 pay $300 → current 20000 (March cap used: all to the state); 10000 held as credit.
  // Apr 1  no unpaid principal: no interest. Charge $500; the credit pays 10000 of it, collected in April, so
  //        April's $100 passes through from payment 22's credit.
  // Apr 15 pay $250 → current 25000, all to the state (April cap used). April owes 50000 - 10000 - 25000 = 15000.
  const calworks = terms({ assistanceStatus: 'current', childrenCount: 1 })
  const entries = [
    charge(1, '2024-03-01', 50000, 'state'),
    charge(2, '2024-04-01', 50000, 'state'),
    payment(21, '2024-03-10', 30000),
    payment(22, '2024-03-25', 30000),
    payment(23, '2024-04-15', 25000),
  ]

  it('passes $100 through in March and holds the excess', () => {
    const statement = replayLedger(calworks, entries, '2024-03-31')
    expect(allocationOf(statement, 21)).toMatchObject({
      toFamilyCents: 10000,
      toStateCents: 20000,
      passThroughCents: 10000,
    })
    expect(allocationOf(statement, 22)).toMatchObject({ toFamilyCents: 0, toStateCents: 20000, unappliedCents: 10000 })
    expect(statement.creditHeldCents).toBe(10000)
  })

  it('passes April\'s $100 through from the credit and leaves $150 due now', () => {
    const statement = replayLedger(calworks, entries, '2024-04-30')
    expect(allocationOf(statement, 22)).toMatchObject({
      toFamilyCents: 10000,
      toStateCents: 20000,
      passThroughCents: 10000,
      unappliedCents: 0,
    })
    expect(allocationOf(statement, 23)).toMatchObject({ toFamilyCents: 0, toStateCents: 25000, passThroughCents: 0 })
    expect(statement.balances).toMatchObject({ currentDueCents: 15000, stateArrearsCents: 0, totalOwedCents: 15000 })
  })
})

describe('hand-worked ledger 7: on CalWORKs now, two children: $200 cap shared by the month\'s payments', () => {
  // Dec 1  charge $600 to the state. Nothing paid in December.
  // Jan 1  state interest 60000 × 1000 / 120000 = 500. Charge $600 to the state.
  // Jan 5  pay $150 → current 15000, all passed through (cap 20000, 5000 left).
  // Jan 20 pay $600 → current 45000, of which 5000 passes through; then, the family being on aid, the state's
  //        interest 500 and December's principal 14500. December still owes 45500.
  const calworks = terms({ assistanceStatus: 'current', childrenCount: 2 })
  const entries = [
    charge(1, '2023-12-01', 60000, 'state'),
    charge(2, '2024-01-01', 60000, 'state'),
    payment(31, '2024-01-05', 15000),
    payment(32, '2024-01-20', 60000),
  ]
  const statement = replayLedger(calworks, entries, '2024-01-31')

  it('passes $200 through in all, never more', () => {
    expect(allocationOf(statement, 31)).toMatchObject({
      toFamilyCents: 15000,
      toStateCents: 0,
      passThroughCents: 15000,
    })
    const second = allocationOf(statement, 32)
    expect(second).toMatchObject({ toFamilyCents: 5000, toStateCents: 55000, passThroughCents: 5000 })
    expect(partsOf(second)).toEqual([
      ['current', 'state', '2024-01-01', 45000],
      ['interest', 'state', undefined, 500],
      ['state_arrears', 'state', '2023-12-01', 14500],
    ])
  })

  it('leaves $455 of state arrears', () => {
    expect(statement.balances).toMatchObject({
      currentDueCents: 0,
      stateArrearsCents: 45500,
      interestCents: 0,
      totalOwedCents: 45500,
    })
  })
})

describe('hand-worked ledger 8: uncollectible state arrears written off', () => {
  // Jan 1  charge $500 to the state. Feb 1: interest 50000 → 416.67 → 417. Charge $500 to the state.
  // Mar 1  interest 100000 → 833.33 → 833 (interest 1250).
  // Mar 10 write off $600: Jan 50000 → 0, Feb 50000 → 40000. Interest untouched.
  // Apr 1  interest 40000 → 333.33 → 333 (interest 1583). Off aid: charge $200 to the family.
  // Apr 10 write off $450: principal 40000, then interest 1583; 3417 found nothing to reduce.
  const entries = [
    charge(1, '2024-01-01', 50000, 'state'),
    charge(2, '2024-02-01', 50000, 'state'),
    charge(3, '2024-04-01', 20000, 'family'),
    adjustment(41, '2024-03-10', 'state', -60000),
    adjustment(42, '2024-04-10', 'state', -45000),
  ]
  const statement = replayLedger(terms({ assistanceStatus: 'former' }), entries, '2024-04-30')

  it('reports what each write-off reduced', () => {
    const effects = statement.adjustments.map((a) => [
      a.adjustmentId,
      a.principalChangeCents,
      a.interestChangeCents,
      a.unappliedCents,
    ])
    expect(effects).toEqual([
      [41, -60000, 0, 0],
      [42, -40000, -1583, 3417],
    ])
    expect(statement.interestAccruals.map((a) => [a.accruedOn, a.owedTo, a.cents])).toEqual([
      ['2024-02-01', 'state', 417],
      ['2024-03-01', 'state', 833],
      ['2024-04-01', 'state', 333],
    ])
  })

  it('leaves only the family\'s current month', () => {
    expect(statement.balances).toMatchObject({
      currentDueCents: 20000,
      stateArrearsCents: 0,
      stateInterestCents: 0,
      totalOwedCents: 20000,
    })
  })
})

describe('hand-worked ledger 9: a tax refund offset pays state arrears first (CCP 695.221(d))', () => {
  // An out-of-state order at 0%: no interest, so only the order of payment is at stake.
  // Oct 1 2023 $300 to the state; Jan 1 2024 $300 to the family; Apr 1 2024 $300 to the family.
  // Apr 20 tax refund offset $500 → state arrears (Oct) 30000 first, then current (Apr) 20000.
  //        Left: Apr 10000 current, Jan 30000 family arrears.
  // The same $500 by income withholding → current (Apr) 30000, family arrears (Jan) 20000; the state's Oct untouched.
  const former = terms({ assistanceStatus: 'former', interestRateBasisPoints: 0 })
  const charges = [
    charge(1, '2023-10-01', 30000, 'state'),
    charge(2, '2024-01-01', 30000),
    charge(3, '2024-04-01', 30000),
  ]

  it('credits the offset to assigned arrears before current support', () => {
    const offset = payment(11, '2024-04-20', 50000, 'tax_intercept')
    const statement = replayLedger(former, [...charges, offset], '2024-04-30')
    expect(partsOf(allocationOf(statement, 11))).toEqual([
      ['state_arrears', 'state', '2023-10-01', 30000],
      ['current', 'family', '2024-04-01', 20000],
    ])
    expect(statement.balances).toMatchObject({
      currentDueCents: 10000,
      familyArrearsCents: 30000,
      stateArrearsCents: 0,
    })
  })

  it('credits any other payment to current support, then the family', () => {
    const statement = replayLedger(former, [...charges, payment(11, '2024-04-20', 50000)], '2024-04-30')
    expect(partsOf(allocationOf(statement, 11))).toEqual([
      ['current', 'family', '2024-04-01', 30000],
      ['family_arrears', 'family', '2024-01-01', 20000],
    ])
    expect(statement.balances).toMatchObject({
      currentDueCents: 0,
      familyArrearsCents: 10000,
      stateArrearsCents: 30000,
    })
  })
})
