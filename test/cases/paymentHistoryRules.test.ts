import { CaseInquiryInputError } from '../../server/cases/caseErrors'
import { checkHistoryQuery, historyKinds, historyTotals } from '../../server/cases/paymentHistory'

describe('payment history query', () => {
  const today = '2026-03-10'

  it('defaults to the first page of 25, from the beginning to today', () => {
    expect(checkHistoryQuery({}, today)).toEqual({ from: null, to: today, page: 1, pageSize: 25 })
  })

  it('never reads past today', () => {
    expect(checkHistoryQuery({ from: '2026-01-01', to: '2027-01-01' }, today).to).toBe(today)
  })

  it.each([
    [{ from: '2026-02-30' }, 'cases:errors.invalidDate'],
    [{ to: '03/10/2026' }, 'cases:errors.invalidDate'],
    [{ from: '2026-03-11' }, 'cases:errors.dateRangeOrder'],
    [{ from: '2026-02-01', to: '2026-01-31' }, 'cases:errors.dateRangeOrder'],
    [{ page: 0 }, 'cases:errors.invalidPage'],
    [{ page: 1.5 }, 'cases:errors.invalidPage'],
    [{ pageSize: 0 }, 'cases:errors.invalidPageSize'],
    [{ pageSize: 501 }, 'cases:errors.invalidPageSize'],
  ])('refuses %j with %s', (query, key) => {
    expect(() => checkHistoryQuery(query, today)).toThrow(new CaseInquiryInputError(key))
  })

  it('shows the paying parent payments only, and the receiving side the payouts and fees too', () => {
    expect(historyKinds('paying')).toEqual(['payment'])
    expect(historyKinds('receiving')).toEqual(['payment', 'disbursement', 'fee'])
    expect(historyKinds('agency')).toEqual(['payment', 'disbursement', 'fee'])
  })

  it('adds monthly rows into months, years and a total', () => {
    const totals = historyTotals([
      { month: '2025-12', kind: 'payment', cents: 52_000, entries: 1 },
      { month: '2026-01', kind: 'payment', cents: 104_000, entries: 2 },
      { month: '2026-01', kind: 'disbursement', cents: 100_500, entries: 2 },
      { month: '2026-01', kind: 'fee', cents: 3_500, entries: 1 },
      { month: '2025-11', kind: 'payment', cents: 10_000, entries: 1 },
    ])
    expect(totals.months.map((m) => [m.month, m.paymentsCents, m.disbursementsCents, m.feesCents])).toEqual([
      ['2025-11', 10_000, 0, 0], ['2025-12', 52_000, 0, 0], ['2026-01', 104_000, 100_500, 3_500],
    ])
    expect(totals.years).toEqual([
      { year: 2025, paymentsCents: 62_000, paymentCount: 2, disbursementsCents: 0, disbursementCount: 0, feesCents: 0 },
      { year: 2026, paymentsCents: 104_000, paymentCount: 2, disbursementsCents: 100_500, disbursementCount: 2, feesCents: 3_500 },
    ])
    expect(totals.totals).toEqual({ paymentsCents: 166_000, paymentCount: 4, disbursementsCents: 100_500, disbursementCount: 2, feesCents: 3_500 })
  })
})
