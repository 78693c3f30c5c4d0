import { CaseInquiryInputError } from '../../server/cases/caseErrors'
import { calculatePayoff, casePayoff } from '../../server/cases/payoff'
import { replayLedger } from '../../server/cases/rules/ledgerReplay'

describe('public payoff calculator', () => {
  it('works a small schedule to the cent: $1,000 at 10%, $300 a month', () => {
    // Month 1: interest 1,000.00 × 10%/12 = 8.33; pays 8.33 interest, 291.67 principal → 708.33 left.
    // Month 2: 708.33 × 10%/12 = 5.90 (5.9027…); 294.10 principal → 414.23.
    // Month 3: 414.23 × 10%/12 = 3.45 (3.4519…); 296.55 principal → 117.68.
    // Month 4: 117.68 × 10%/12 = 0.98 (0.9806…); pays the last 118.66.
    const schedule = calculatePayoff({ principalCents: 100_000, firstMonth: '2026-04-15', plan: { monthlyPaymentCents: 30_000 } })
    expect(schedule.outcome).toBe('pays_off')
    if (schedule.outcome !== 'pays_off') return
    expect(schedule.rows.map((r) => [r.monthStart, r.interestChargedCents, r.principalPaidCents, r.remainingPrincipalCents])).toEqual([
      ['2026-04-01', 833, 29_167, 70_833],
      ['2026-05-01', 590, 29_410, 41_423],
      ['2026-06-01', 345, 29_655, 11_768],
      ['2026-07-01', 98, 11_768, 0],
    ])
    expect(schedule.rows[3]!.paymentCents).toBe(11_866)
    expect(schedule.totalInterestCents).toBe(833 + 590 + 345 + 98)
    expect(schedule.totalPaidCents).toBe(100_000 + 833 + 590 + 345 + 98)
  })

  it('finds the level payment for a number of months', () => {
    const schedule = calculatePayoff({ principalCents: 100_000, firstMonth: '2026-04-01', plan: { months: 4 } })
    expect(schedule.outcome === 'pays_off' && schedule.payoffMonth).toBe(4)
  })

  it.each([
    [{ principalCents: -1, firstMonth: '2026-04-01', plan: { months: 4 } }, 'cases:errors.payoffPrincipal'],
    [{ principalCents: 1.5, firstMonth: '2026-04-01', plan: { months: 4 } }, 'cases:errors.payoffPrincipal'],
    [{ principalCents: 100, interestBalanceCents: -5, firstMonth: '2026-04-01', plan: { months: 4 } }, 'cases:errors.payoffInterest'],
    [{ principalCents: 100, annualRateBasisPoints: 10_001, firstMonth: '2026-04-01', plan: { months: 4 } }, 'cases:errors.payoffRate'],
    [{ principalCents: 100, firstMonth: 'April', plan: { months: 4 } }, 'cases:errors.invalidDate'],
    [{ principalCents: 100, firstMonth: '2026-04-01', plan: { months: 0 } }, 'cases:errors.payoffMonths'],
    [{ principalCents: 100, firstMonth: '2026-04-01', plan: { months: 601 } }, 'cases:errors.payoffMonths'],
    [{ principalCents: 100, firstMonth: '2026-04-01', plan: { monthlyPaymentCents: 0 } }, 'cases:errors.payoffPayment'],
    [{ principalCents: 100, firstMonth: '2026-04-01', plan: null as unknown as { months: number } }, 'cases:errors.payoffPayment'],
  ])('refuses %j with %s', (input, key) => {
    expect(() => calculatePayoff(input)).toThrow(new CaseInquiryInputError(key))
  })
})

describe('payoff of a case', () => {
  it('starts from the case’s arrears and interest, at its rate, with payments from next month', () => {
    // $500 due 2026-01-01, unpaid. Interest on Feb 1 and Mar 1: 500 × 10%/12 = 4.17 each → 8.34.
    const statement = replayLedger(
      { interestRateBasisPoints: 1000, assistanceStatus: 'never', childrenCount: 1 },
      [{ kind: 'charge', id: 1, dueOn: '2026-01-01', orderKind: 'child', amountCents: 50_000, owedTo: 'family' }],
      '2026-03-10',
    )
    const payoff = casePayoff(9, statement, { monthlyPaymentCents: 10_000 })
    expect(payoff).toMatchObject({ caseId: 9, asOf: '2026-03-10', startingPrincipalCents: 50_000, startingInterestCents: 834, rateBasisPoints: 1000, firstMonth: '2026-04-01' })
    expect(payoff.schedule.outcome).toBe('pays_off')
  })
})
