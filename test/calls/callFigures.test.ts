import { createBusinessCalendar } from '../../server/callbacks/businessCalendar'
import { type CallFigureRow, callFigures, resolvedByPhoneTarget, supervisorCallFigures } from '../../server/calls/callFigures'

const calendar = createBusinessCalendar()
const call = (language: CallFigureRow['language'], outcome: CallFigureRow['outcome'], startedAt: string): CallFigureRow => ({
  language,
  outcome,
  startedAt: new Date(startedAt),
})

// The week of Monday 5 January 2026 at the agency (Pacific standard time, UTC−8).
const period = { from: '2026-01-05', to: '2026-01-09' }
const rows: CallFigureRow[] = [
  // English: 4 ended, 3 resolved by the line (75%), one still on the line.
  call('en', 'resolved_by_phone', '2026-01-05T08:00:00Z'), // Monday 00:00 at the agency: the period's first instant
  call('en', 'resolved_by_phone', '2026-01-06T17:00:00Z'),
  call('en', 'resolved_by_phone', '2026-01-10T07:59:59Z'), // Friday 23:59:59 at the agency, Saturday in UTC
  call('en', 'transferred', '2026-01-07T18:00:00Z'),
  call('en', 'in_progress', '2026-01-09T20:00:00Z'),
  // Spanish: 4 ended, 2 resolved (50%); an abandoned call counts as not resolved.
  call('es', 'resolved_by_phone', '2026-01-05T17:00:00Z'),
  call('es', 'resolved_by_phone', '2026-01-06T17:00:00Z'),
  call('es', 'callback_requested', '2026-01-07T17:00:00Z'),
  call('es', 'abandoned', '2026-01-08T17:00:00Z'),
  // Outside the period: Sunday 23:59 and Saturday 00:00 at the agency.
  call('en', 'transferred', '2026-01-05T07:59:00Z'),
  call('es', 'abandoned', '2026-01-10T08:00:00Z'),
]

describe('call figures', () => {
  const figures = supervisorCallFigures(rows, { period, calendar })

  it('count the calls that started in the period at the agency, and leave calls in progress out of the share', () => {
    expect(figures.overall).toEqual({
      calls: 9,
      inProgress: 1,
      ended: 8,
      resolvedByPhone: 5,
      callbackRequested: 1,
      transferred: 1,
      abandoned: 1,
      shareResolvedByPhone: 5 / 8,
      meetsTarget: false,
    })
    expect(figures.target).toBe(0.7)
    expect(figures.period).toEqual(period)
  })

  it('break down by language, each against the 70% target', () => {
    expect(figures.byLanguage.en).toMatchObject({ calls: 5, ended: 4, resolvedByPhone: 3, shareResolvedByPhone: 0.75, meetsTarget: true })
    expect(figures.byLanguage.es).toMatchObject({ calls: 4, ended: 4, resolvedByPhone: 2, abandoned: 1, shareResolvedByPhone: 0.5, meetsTarget: false })
  })

  it('meet the target at exactly 70%', () => {
    const seven = Array.from({ length: 10 }, (_, i) => call('en', i < 7 ? 'resolved_by_phone' : 'transferred', '2026-01-06T17:00:00Z'))
    expect(callFigures(seven)).toMatchObject({ shareResolvedByPhone: resolvedByPhoneTarget, meetsTarget: true })
    const sixOfTen = seven.map((c, i) => (i === 6 ? { ...c, outcome: 'abandoned' as const } : c))
    expect(callFigures(sixOfTen).meetsTarget).toBe(false)
  })

  it('have no share, rather than 0%, when no call has ended', () => {
    expect(callFigures([call('es', 'in_progress', '2026-01-06T17:00:00Z')])).toMatchObject({ calls: 1, ended: 0, shareResolvedByPhone: null, meetsTarget: null })
    expect(supervisorCallFigures([], { period, calendar }).byLanguage.es).toMatchObject({ calls: 0, shareResolvedByPhone: null })
  })

  it('take a summer period from the agency’s daylight-time midnight', () => {
    const summer = supervisorCallFigures(
      [call('en', 'resolved_by_phone', '2026-07-01T06:59:00Z'), call('en', 'resolved_by_phone', '2026-07-01T07:00:00Z')],
      { period: { from: '2026-07-01', to: '2026-07-01' }, calendar },
    )
    expect(summer.overall.calls).toBe(1)
  })
})
