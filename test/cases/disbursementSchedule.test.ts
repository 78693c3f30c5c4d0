import { addBusinessDays, expectedDisbursements } from '../../server/cases/disbursementSchedule'
import type { PaymentAllocation } from '../../server/cases/rules/ledgerStatement'

function allocation(paymentId: number, postedOn: string, disbursedToFamilyCents: number): PaymentAllocation {
  return {
    paymentId, postedOn, method: 'sdu_online', amountCents: disbursedToFamilyCents, parts: [], toFamilyCents: disbursedToFamilyCents,
    toStateCents: 0, passThroughCents: 0, feeWithheldCents: 0, disbursedToFamilyCents, unappliedCents: 0,
  }
}

describe('disbursement schedule (42 USC 654b(c)(1): two business days)', () => {
  it('skips weekends', () => {
    expect(addBusinessDays('2026-03-10', 2)).toBe('2026-03-12') // Tuesday → Thursday
    expect(addBusinessDays('2026-03-12', 2)).toBe('2026-03-16') // Thursday → Monday
    expect(addBusinessDays('2026-03-14', 2)).toBe('2026-03-17') // Saturday → Tuesday
  })

  it('skips California state holidays on the agency calendar', () => {
    expect(addBusinessDays('2026-03-30', 2)).toBe('2026-04-02') // Monday; Cesar Chavez Day (Tue Mar 31) → Thursday
    expect(addBusinessDays('2026-11-25', 2)).toBe('2026-12-01') // Wednesday; Thanksgiving and the day after → Tuesday
    expect(addBusinessDays('2026-12-24', 2)).toBe('2026-12-29') // Thursday; Christmas Friday → Tuesday
    expect(addBusinessDays('2026-01-16', 1)).toBe('2026-01-20') // Friday; Martin Luther King Jr. Day Monday → Tuesday
    expect(addBusinessDays('2026-03-10', 0)).toBe('2026-03-10')
  })

  it('expects a payment posted before a holiday after it', () => {
    expect(expectedDisbursements([allocation(1, '2026-05-22', 4_000)], new Set())).toEqual([
      { expectedOn: '2026-05-27', amountCents: 4_000, paymentIds: [1] }, // Friday; Memorial Day Monday → Wednesday
    ])
  })

  it('expects the family share of each payment not yet paid out, grouped by day, soonest first', () => {
    const expected = expectedDisbursements(
      [allocation(1, '2026-03-02', 10_000), allocation(2, '2026-03-12', 5_000), allocation(3, '2026-03-13', 7_000),
        allocation(4, '2026-03-09', 0), allocation(5, '2026-03-10', 2_000)],
      new Set([5]),
    )
    expect(expected).toEqual([
      { expectedOn: '2026-03-04', amountCents: 10_000, paymentIds: [1] },
      { expectedOn: '2026-03-16', amountCents: 5_000, paymentIds: [2] },
      { expectedOn: '2026-03-17', amountCents: 7_000, paymentIds: [3] },
    ])
  })

  it('adds up two payments expected the same day', () => {
    expect(expectedDisbursements([allocation(1, '2026-03-13', 1_000), allocation(2, '2026-03-14', 2_000)], new Set())).toEqual([
      { expectedOn: '2026-03-17', amountCents: 3_000, paymentIds: [1, 2] },
    ])
  })
})
