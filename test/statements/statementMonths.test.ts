import { checkStatementMonth, monthBounds, statementMonths } from '../../server/statements/statementMonths'

describe('statement months', () => {
  it.each([
    ['2026-03', { ok: true, month: '2026-03' }],
    ['2024-02', { ok: true, month: '2024-02' }],
    ['2026-13', { ok: false, messageKey: 'statements:errors.monthFormat' }],
    ['2026-00', { ok: false, messageKey: 'statements:errors.monthFormat' }],
    ['2026-3', { ok: false, messageKey: 'statements:errors.monthFormat' }],
    ['2026-03-01', { ok: false, messageKey: 'statements:errors.monthFormat' }],
    [' 2026-03', { ok: false, messageKey: 'statements:errors.monthFormat' }],
    ['', { ok: false, messageKey: 'statements:errors.monthFormat' }],
    ['2026-04', { ok: false, messageKey: 'statements:errors.monthFuture' }],
    ['2027-01', { ok: false, messageKey: 'statements:errors.monthFuture' }],
    ['2024-01', { ok: false, messageKey: 'statements:errors.monthBeforeCase' }],
  ])('%j, for a case opened 2024-02-15 and seen on 2026-03-11, is %j', (text, expected) => {
    expect(checkStatementMonth(text, '2024-02-15', '2026-03-11')).toEqual(expected)
  })

  it('offers the twelve latest months, newest first, across a year end', () => {
    expect(statementMonths('2020-01-01', '2026-03-11')).toEqual([
      '2026-03', '2026-02', '2026-01', '2025-12', '2025-11', '2025-10', '2025-09', '2025-08', '2025-07', '2025-06', '2025-05', '2025-04',
    ])
  })

  it('offers no month before the case opened', () => {
    expect(statementMonths('2026-01-31', '2026-03-01')).toEqual(['2026-03', '2026-02', '2026-01'])
    expect(statementMonths('2026-03-01', '2026-03-01')).toEqual(['2026-03'])
  })

  it('bounds a month, leap years included', () => {
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' })
    expect(monthBounds('2025-12')).toEqual({ first: '2025-12-01', last: '2025-12-31' })
  })
})
