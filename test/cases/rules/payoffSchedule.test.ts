import fc from 'fast-check'
import { LedgerInputError } from '../../../server/cases/rules/ledgerEntries'
import { PAYOFF_MONTHS_CAP, payoffSchedule, type PayoffInput } from '../../../server/cases/rules/payoffSchedule'

const tenPercent = { interestBalanceCents: 0, annualRateBasisPoints: 1000, firstMonth: '2024-07-15' }

function byPayment(principalCents: number, paymentCents: number, more: Partial<PayoffInput> = {}) {
  return payoffSchedule({ ...tenPercent, principalCents, plan: { kind: 'monthly_payment', paymentCents }, ...more })
}

function byMonths(principalCents: number, months: number, more: Partial<PayoffInput> = {}) {
  return payoffSchedule({ ...tenPercent, principalCents, plan: { kind: 'months', months }, ...more })
}

describe('payoffSchedule by monthly payment', () => {
  it('matches the schedule worked by hand', () => {
    // $1,000 at 10%, paying $300 a month (interest = principal / 120, half up):
    // 1: interest 833 (833.33); 30000 pays 833 interest, 29167 principal → 70833
    // 2: interest 590 (590.28); principal 29410 → 41423
    // 3: interest 345 (345.19); principal 29655 → 11768
    // 4: interest 98 (98.07); owes 11866, so pays 11866 → 0. Paid 101866; interest 1866.
    const schedule = byPayment(100000, 30000)
    expect(schedule).toMatchObject({ outcome: 'pays_off', payoffMonth: 4, payoffMonthStart: '2024-10-01' })
    if (schedule.outcome !== 'pays_off') throw new Error('expected a payoff')
    expect(schedule).toMatchObject({ totalPaidCents: 101866, totalInterestCents: 1866 })
    const table = schedule.rows.map((r) => [
      r.month,
      r.monthStart,
      r.paymentCents,
      r.interestChargedCents,
      r.principalPaidCents,
      r.remainingPrincipalCents,
    ])
    expect(table).toEqual([
      [1, '2024-07-01', 30000, 833, 29167, 70833],
      [2, '2024-08-01', 30000, 590, 29410, 41423],
      [3, '2024-09-01', 30000, 345, 29655, 11768],
      [4, '2024-10-01', 11866, 98, 11768, 0],
    ])
  })

  it('pays the interest balance before any principal (CCP 695.221)', () => {
    // $500 principal and $50 interest at 10%, $100 a month: month 1 charges 417 (416.67); interest owed 5417;
    // the 10000 pays all of it and 4583 of principal.
    const schedule = byPayment(50000, 10000, { interestBalanceCents: 5000 })
    if (schedule.outcome !== 'pays_off') throw new Error('expected a payoff')
    expect(schedule.rows[0]).toMatchObject({
      interestChargedCents: 417,
      interestBalanceCents: 0,
      principalPaidCents: 4583,
      remainingTotalCents: 45417,
    })
  })

  it('keeps a growing interest balance visible while the payment covers only part of it', () => {
    const schedule = byPayment(0, 1000, { interestBalanceCents: 2500 })
    if (schedule.outcome !== 'pays_off') throw new Error('expected a payoff')
    expect(schedule.rows.map((r) => [r.paymentCents, r.interestBalanceCents])).toEqual([
      [1000, 1500],
      [1000, 500],
      [500, 0],
    ])
  })

  it('shows the remaining balance, principal and interest carried, month by month while interest is still owed', () => {
    // $120 principal at 10% charges $1.00 a month; $50 of interest is already owed; $20 a month.
    // Month 1: interest due 5000 + 100 = 5100, all $20 to interest: 3100 carried, 12000 principal, 15100 in all.
    // Month 2: 3100 + 100 = 3200, $20 to interest: 1200 carried, 13200 in all.
    // Month 3: 1200 + 100 = 1300 to interest, 700 to principal: 11300 principal, nothing carried.
    // Month 4: 11300 × 1000 / 120000 = 94.17 → 94; 1906 to principal: 9394.
    const schedule = byPayment(12000, 2000, { interestBalanceCents: 5000 })
    if (schedule.outcome !== 'pays_off') throw new Error('expected a payoff')
    const columns = (r: (typeof schedule.rows)[number]) => [
      r.month, r.monthStart, r.paymentCents, r.interestChargedCents, r.interestBalanceCents, r.principalPaidCents,
      r.remainingPrincipalCents, r.remainingTotalCents,
    ]
    expect(schedule.rows.slice(0, 4).map(columns)).toEqual([
      [1, '2024-07-01', 2000, 100, 3100, 0, 12000, 15100],
      [2, '2024-08-01', 2000, 100, 1200, 0, 12000, 13200],
      [3, '2024-09-01', 2000, 100, 0, 700, 11300, 11300],
      [4, '2024-10-01', 2000, 94, 0, 1906, 9394, 9394],
    ])
    for (const row of schedule.rows) {
      expect(row.remainingTotalCents).toBe(row.remainingPrincipalCents + row.interestBalanceCents)
    }
    expect(schedule.totalPaidCents).toBe(12000 + 5000 + schedule.totalInterestCents)
  })

  it('says a payment that never covers the monthly interest never pays off, without looping', () => {
    // 100000 / 120 = 833.33 → 833 a month: $8.33 only pays interest.
    expect(byPayment(100000, 833)).toEqual({
      outcome: 'never_pays_off',
      monthlyPaymentCents: 833,
      firstMonthInterestCents: 833,
      minimumPaymentCents: 834,
    })
  })

  it('flags a payment that would take more than 50 years', () => {
    const schedule = byPayment(100000, 834)
    expect(schedule).toMatchObject({ outcome: 'exceeds_cap', capMonths: PAYOFF_MONTHS_CAP })
    if (schedule.outcome !== 'exceeds_cap') throw new Error('expected the cap')
    expect(schedule.rows).toHaveLength(600)
    expect(schedule.remainingTotalCents).toBeGreaterThan(0)
    expect(schedule.remainingTotalCents).toBeLessThan(100000)
  })

  it('has nothing to schedule when nothing is owed', () => {
    expect(byPayment(0, 500)).toEqual({ outcome: 'nothing_owed' })
  })
})

describe('payoffSchedule by number of months', () => {
  it('finds the level payment, rounded up to the cent, worked by hand', () => {
    // $1,000 at 10% over 4 months: the annuity formula gives 25522.4 → 25523.
    // 1: interest 833; principal 24690 → 75310   2: interest 628 (627.58); principal 24895 → 50415
    // 3: interest 420 (420.13); principal 25103 → 25312   4: interest 211 (210.93); 25523 pays exactly 25312 + 211.
    const schedule = byMonths(100000, 4)
    expect(schedule).toMatchObject({ outcome: 'pays_off', monthlyPaymentCents: 25523, payoffMonth: 4 })
    expect(schedule).toMatchObject({ totalInterestCents: 2092 })
    expect(byPayment(100000, 25522)).toMatchObject({ outcome: 'pays_off', payoffMonth: 5 })
  })

  it('can finish early because the payment is rounded up to the cent', () => {
    // $204.54 at 0% over 181 months: 20454 / 181 = 113.005 → 114 a month; 179 × 114 = 20406, so month 180 pays 48.
    const schedule = byMonths(20454, 181, { annualRateBasisPoints: 0 })
    expect(schedule).toMatchObject({ outcome: 'pays_off', monthlyPaymentCents: 114, payoffMonth: 180 })
  })

  it('always pays off within that many months, and one cent less a month would not', () => {
    const input = fc.record({
      principalCents: fc.integer({ min: 0, max: 5_000_000 }),
      interestBalanceCents: fc.integer({ min: 0, max: 500_000 }),
      annualRateBasisPoints: fc.constantFrom(0, 600, 1000, 1200),
      months: fc.integer({ min: 1, max: PAYOFF_MONTHS_CAP }),
    })
    fc.assert(
      fc.property(input, ({ months, ...balances }) => {
        fc.pre(balances.principalCents + balances.interestBalanceCents > 0)
        const base = { ...balances, firstMonth: '2024-01-01' }
        const schedule = payoffSchedule({ ...base, plan: { kind: 'months', months } })
        if (schedule.outcome !== 'pays_off') throw new Error(`unexpected ${schedule.outcome}`)
        expect(schedule.payoffMonth).toBeLessThanOrEqual(months)
        const owed = balances.principalCents + balances.interestBalanceCents
        expect(schedule.totalPaidCents).toBe(owed + schedule.totalInterestCents)
        const paymentCents = schedule.monthlyPaymentCents - 1
        const less = payoffSchedule({ ...base, plan: { kind: 'monthly_payment', paymentCents } })
        if (less.outcome === 'pays_off') expect(less.payoffMonth).toBeGreaterThan(months)
        else expect(less.outcome).not.toBe('nothing_owed')
      }),
      { numRuns: 60 },
    )
  })

  it.each<[string, Partial<PayoffInput>]>([
    ['zero months', { plan: { kind: 'months', months: 0 } }],
    ['more than 600 months', { plan: { kind: 'months', months: 601 } }],
    ['fractional months', { plan: { kind: 'months', months: 2.5 } }],
    ['a negative payment', { plan: { kind: 'monthly_payment', paymentCents: -1 } }],
    ['negative principal', { principalCents: -1 }],
    ['a bad first month', { firstMonth: 'July' }],
    ['a negative rate', { annualRateBasisPoints: -100 }],
    ['a principal too large to compute to the cent', { principalCents: 2 ** 52 }],
  ])('refuses %s', (_, override) => {
    expect(() => byMonths(100000, 12, override)).toThrow(LedgerInputError)
  })
})
