import { createBusinessCalendar } from '../../server/callbacks/businessCalendar'
import {
  type CallbackFigureRow,
  median,
  periodBounds,
  supervisorCallbackFigures,
} from '../../server/callbacks/supervisorFigures'

const calendar = createBusinessCalendar()
const d = (iso: string) => new Date(iso)

type Row = CallbackFigureRow
const row = (fields: Omit<Row, 'closedAt' | 'firstAttemptAt'> & Partial<Row>): Row => ({
  closedAt: null,
  firstAttemptAt: null,
  ...fields,
})

// Week of Monday 5 January 2026 (Pacific standard time, UTC−8); "now" is Monday 12 January, noon.
const rows: Row[] = [
  // 1. Answered within its due time: first attempt after 1 h.
  row({ language: 'en', topic: 'balance', status: 'completed', createdAt: d('2026-01-05T17:00:00Z'), dueBy: d('2026-01-06T00:00:00Z'), closedAt: d('2026-01-05T19:00:00Z'), firstAttemptAt: d('2026-01-05T18:00:00Z') }),
  // 2. Handed to the caseworker a day late: 42 h of wall time, 10 office hours to the first attempt.
  row({ language: 'en', topic: 'payments', status: 'needs_caseworker', createdAt: d('2026-01-05T23:00:00Z'), dueBy: d('2026-01-07T00:00:00Z'), closedAt: d('2026-01-07T17:00:00Z'), firstAttemptAt: d('2026-01-07T17:00:00Z') }),
  // 3. Wrong number, closed as unreachable within its due time: the agency answered.
  row({ language: 'es', topic: 'license', status: 'unreachable', createdAt: d('2026-01-06T16:00:00Z'), dueBy: d('2026-01-06T20:00:00Z'), closedAt: d('2026-01-06T19:00:00Z'), firstAttemptAt: d('2026-01-06T19:00:00Z') }),
  // 4. Cancelled by the parent before its due time: not judged.
  row({ language: 'es', topic: 'balance', status: 'cancelled', createdAt: d('2026-01-07T18:00:00Z'), dueBy: d('2026-01-08T00:00:00Z'), closedAt: d('2026-01-07T19:00:00Z') }),
  // 5. Cancelled after its due time passed unanswered: a miss.
  row({ language: 'es', topic: 'balance', status: 'cancelled', createdAt: d('2026-01-08T17:00:00Z'), dueBy: d('2026-01-09T00:00:00Z'), closedAt: d('2026-01-09T18:00:00Z') }),
  // 6. Still open, due later than now: too early to judge.
  row({ language: 'en', topic: 'other', status: 'open', createdAt: d('2026-01-09T23:30:00Z'), dueBy: d('2026-01-13T00:00:00Z') }),
  // 7. Claimed again after a missed call, past its due time: a miss.
  row({ language: 'en', topic: 'documents', status: 'claimed', createdAt: d('2026-01-09T17:00:00Z'), dueBy: d('2026-01-10T00:00:00Z'), firstAttemptAt: d('2026-01-09T18:00:00Z') }),
  // 8. Friday 17:00 Pacific is still Friday at the agency though Saturday in UTC: in the period.
  row({ language: 'en', topic: 'balance', status: 'completed', createdAt: d('2026-01-10T01:00:00Z'), dueBy: d('2026-01-13T00:00:00Z'), closedAt: d('2026-01-12T17:00:00Z'), firstAttemptAt: d('2026-01-12T17:00:00Z') }),
  // Outside the period: Sunday 23:59 and Saturday 00:00 at the agency.
  row({ language: 'en', topic: 'balance', status: 'completed', createdAt: d('2026-01-05T07:59:00Z'), dueBy: d('2026-01-06T00:00:00Z'), closedAt: d('2026-01-05T17:00:00Z') }),
  row({ language: 'es', topic: 'court', status: 'open', createdAt: d('2026-01-10T08:00:00Z'), dueBy: d('2026-01-13T00:00:00Z') }),
]

const figures = supervisorCallbackFigures(rows, {
  period: { from: '2026-01-05', to: '2026-01-09' },
  now: d('2026-01-12T20:00:00Z'),
  calendar,
})

describe('supervisor callback figures over a hand-built week', () => {
  it('count the period in agency dates', () => {
    expect(periodBounds({ from: '2026-01-05', to: '2026-01-09' }, calendar)).toEqual({
      from: d('2026-01-05T08:00:00Z'),
      to: d('2026-01-10T08:00:00Z'),
    })
    expect(() => periodBounds({ from: '2026-01-09', to: '2026-01-05' }, calendar)).toThrow(RangeError)
  })

  it('give the overall share completed within due time against the 80% target', () => {
    expect(figures.target).toBe(0.8)
    expect(figures.overall).toEqual({
      requested: 8,
      cancelledByParent: 2,
      notYetDue: 1,
      judged: 6,
      completedWithinDue: 3,
      shareCompletedWithinDue: 0.5,
      meetsTarget: false,
      attempted: 5,
      medianMinutesToFirstAttempt: 180, // 60, 60, 180, 2520, 3840
      medianBusinessMinutesToFirstAttempt: 60, // 60, 60, 60, 180, 600
    })
  })

  it('break the figures down by language', () => {
    expect(figures.byLanguage.en).toMatchObject({
      requested: 5,
      judged: 4,
      completedWithinDue: 2,
      shareCompletedWithinDue: 0.5,
      medianMinutesToFirstAttempt: 1290, // (60 + 2520) / 2
      medianBusinessMinutesToFirstAttempt: 60,
    })
    expect(figures.byLanguage.es).toMatchObject({
      requested: 3,
      cancelledByParent: 2,
      judged: 2,
      completedWithinDue: 1,
      shareCompletedWithinDue: 0.5,
      attempted: 1,
      medianMinutesToFirstAttempt: 180,
    })
  })

  it('break the figures down by topic, listing every topic', () => {
    expect(Object.keys(figures.byTopic).sort()).toEqual(['balance', 'court', 'documents', 'license', 'order_change', 'other', 'payments'])
    expect(figures.byTopic.balance).toMatchObject({ requested: 4, judged: 3, completedWithinDue: 2, meetsTarget: false, medianMinutesToFirstAttempt: 1950 })
    expect(figures.byTopic.balance.shareCompletedWithinDue).toBeCloseTo(2 / 3)
    expect(figures.byTopic.license).toMatchObject({ shareCompletedWithinDue: 1, meetsTarget: true })
    expect(figures.byTopic.payments).toMatchObject({ shareCompletedWithinDue: 0, meetsTarget: false, medianBusinessMinutesToFirstAttempt: 600 })
    expect(figures.byTopic.other).toMatchObject({ requested: 1, notYetDue: 1, judged: 0, shareCompletedWithinDue: null, meetsTarget: null, medianMinutesToFirstAttempt: null })
    expect(figures.byTopic.court).toMatchObject({ requested: 0, shareCompletedWithinDue: null })
  })

  it('take the median of an even count as the mean of the middle two', () => {
    expect(median([])).toBeNull()
    expect(median([5])).toBe(5)
    expect(median([9, 1, 4, 3])).toBe(3.5)
  })
})
