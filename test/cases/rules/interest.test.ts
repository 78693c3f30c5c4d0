import {
  applicableRateBasisPoints,
  caseInterestRate,
  monthlyInterestCents,
} from '../../../server/cases/rules/interest'
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import { charge, payment, terms } from './ledgerBuilders'

describe('monthlyInterestCents', () => {
  it('charges a twelfth of the annual rate, rounded half up to the cent', () => {
    expect(monthlyInterestCents(60000, 1000)).toBe(500)
    expect(monthlyInterestCents(100, 1000)).toBe(1) // 0.833 → 1
    expect(monthlyInterestCents(60, 1000)).toBe(1) // exactly 0.5 → 1 (half up)
    expect(monthlyInterestCents(59, 1000)).toBe(0) // 0.4917 → 0
    expect(monthlyInterestCents(123456, 600)).toBe(617) // 617.28
    expect(monthlyInterestCents(0, 1000)).toBe(0)
    expect(monthlyInterestCents(50000, 0)).toBe(0)
  })

  it('refuses fractions of a cent, negative principal and impossible rates', () => {
    expect(() => monthlyInterestCents(10.5, 1000)).toThrow(RangeError)
    expect(() => monthlyInterestCents(-1, 1000)).toThrow(RangeError)
    expect(() => monthlyInterestCents(100, 99.5)).toThrow(RangeError)
    expect(() => monthlyInterestCents(100, 10_001)).toThrow(RangeError)
    expect(() => monthlyInterestCents(Number.MAX_SAFE_INTEGER, 1000)).toThrow(RangeError)
  })
})

describe('applicableRateBasisPoints', () => {
  it('is 10% unless an order or another state says otherwise', () => {
    expect(applicableRateBasisPoints({ activeMilitaryDuty: false })).toBe(1000)
    expect(applicableRateBasisPoints({ orderRateBasisPoints: 1200, activeMilitaryDuty: false })).toBe(1200)
  })

  it('caps at 6% on active duty but never raises a lower rate (SCRA)', () => {
    expect(applicableRateBasisPoints({ activeMilitaryDuty: true })).toBe(600)
    expect(applicableRateBasisPoints({ orderRateBasisPoints: 400, activeMilitaryDuty: true })).toBe(400)
  })
})

describe('caseInterestRate: the one place a case\'s rate is decided', () => {
  it('keeps an order\'s or another state\'s own rate, and gives everything else California\'s 10%', () => {
    expect(caseInterestRate({ basis: 'order', basisPoints: 800 }, false)).toEqual({ basis: 'order', basisPoints: 800 })
    expect(caseInterestRate({ basis: 'interstate', basisPoints: 1200 }, false)).toEqual({ basis: 'interstate', basisPoints: 1200 })
    expect(caseInterestRate({ basis: 'statutory', basisPoints: 700 }, false)).toEqual({ basis: 'statutory', basisPoints: 1000 })
    // A rate recorded as the SCRA cap is not the order's own: once active duty ends, 10% again.
    expect(caseInterestRate({ basis: 'scra', basisPoints: 600 }, false)).toEqual({ basis: 'statutory', basisPoints: 1000 })
  })

  it('caps at 6% while the paying parent is on active duty, and says so', () => {
    expect(caseInterestRate({ basis: 'statutory', basisPoints: 1000 }, true)).toEqual({ basis: 'scra', basisPoints: 600 })
    expect(caseInterestRate({ basis: 'interstate', basisPoints: 1200 }, true)).toEqual({ basis: 'scra', basisPoints: 600 })
    expect(caseInterestRate({ basis: 'scra', basisPoints: 600 }, true)).toEqual({ basis: 'scra', basisPoints: 600 })
  })

  it('leaves a rate at or below 6% as it is, under its own basis', () => {
    expect(caseInterestRate({ basis: 'order', basisPoints: 400 }, true)).toEqual({ basis: 'order', basisPoints: 400 })
    expect(caseInterestRate({ basis: 'order', basisPoints: 600 }, true)).toEqual({ basis: 'order', basisPoints: 600 })
    expect(caseInterestRate({ basis: 'order', basisPoints: 601 }, true)).toEqual({ basis: 'scra', basisPoints: 600 })
  })

  it('refuses a recorded rate outside 0 to 100%', () => {
    expect(() => caseInterestRate({ basis: 'order', basisPoints: 10_001 }, false)).toThrow(RangeError)
  })
})

describe('interest in a replayed ledger', () => {
  const unpaidJanuary = [charge(1, '2024-01-01', 60000)]

  it('starts the month after the installment is due', () => {
    expect(replayLedger(terms(), unpaidJanuary, '2024-01-31').balances.interestCents).toBe(0)
    expect(replayLedger(terms(), unpaidJanuary, '2024-02-01').balances.interestCents).toBe(500)
    expect(replayLedger(terms(), unpaidJanuary, '2024-02-29').balances.interestCents).toBe(500)
    expect(replayLedger(terms(), unpaidJanuary, '2024-03-01').balances.interestCents).toBe(1000)
  })

  it('is charged on the 1st before that day\'s payment', () => {
    const paidOnFebruaryFirst = [...unpaidJanuary, payment(11, '2024-02-01', 60000)]
    const statement = replayLedger(terms(), paidOnFebruaryFirst, '2024-02-01')
    // February's 500 was charged first, so the 60000 pays it and only 59500 of January's principal.
    expect(statement.interestAccruals.map((a) => [a.accruedOn, a.cents])).toEqual([['2024-02-01', 500]])
    expect(statement.balances).toMatchObject({ familyArrearsCents: 500, interestCents: 0 })
  })

  it('is not charged when the installment is paid within its month', () => {
    const paidInJanuary = [...unpaidJanuary, payment(11, '2024-01-31', 60000)]
    expect(replayLedger(terms(), paidInJanuary, '2024-06-30').interestAccruals).toEqual([])
  })

  it('stops once the principal is paid, leaving unpaid interest owed but not growing', () => {
    const principalOnly = [...unpaidJanuary, payment(11, '2024-03-10', 61000)]
    const december = replayLedger(terms(), principalOnly, '2024-12-31')
    // 61000 pays interest 1000 first, then 60000 principal: nothing accrues after March 1.
    expect(december.balances.totalOwedCents).toBe(0)
    expect(december.interestAccruals.map((a) => a.accruedOn)).toEqual(['2024-02-01', '2024-03-01'])
    const partial = [...unpaidJanuary, payment(11, '2024-03-10', 60000)]
    const later = replayLedger(terms(), partial, '2024-12-31')
    // 60000 pays interest 1000 and 59000 principal; 1000 principal keeps accruing 8 cents a month (Apr–Dec: 9).
    expect(later.balances).toMatchObject({ familyArrearsCents: 1000, interestCents: 72 })
  })

  it('uses the case\'s rate: 6% for a parent on active duty', () => {
    const statement = replayLedger(terms({ interestRateBasisPoints: 600 }), unpaidJanuary, '2024-03-01')
    expect(statement.balances.interestCents).toBe(600) // 300 a month
  })

  it('is owed to whoever the principal is owed to', () => {
    const both = [charge(1, '2024-01-01', 60000, 'state'), charge(2, '2024-01-01', 120000, 'family')]
    const statement = replayLedger(terms({ assistanceStatus: 'former' }), both, '2024-02-01')
    expect(statement.balances).toMatchObject({
      stateInterestCents: 500,
      familyInterestCents: 1000,
      interestCents: 1500,
    })
  })
})
