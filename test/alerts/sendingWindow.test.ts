import { nextTextingTime, startOfAgencyDay, tomorrowMorning } from '../../server/alerts/sendingWindow'

// No texts from 9 p.m. to 8 a.m. Pacific, whatever the season: the edges, and the days the clocks change.

describe('the texting window', () => {
  const at = (iso: string) => nextTextingTime(new Date(iso)).toISOString()

  it('sends at once from 8:00 a.m. up to 8:59 p.m., daylight time (UTC-7)', () => {
    expect(at('2026-05-04T15:00:00.000Z')).toBe('2026-05-04T15:00:00.000Z') // 8:00 a.m.
    expect(at('2026-05-05T03:59:59.000Z')).toBe('2026-05-05T03:59:59.000Z') // 8:59:59 p.m.
  })

  it('holds from 9:00 p.m. to the next 8:00 a.m.', () => {
    expect(at('2026-05-05T04:00:00.000Z')).toBe('2026-05-05T15:00:00.000Z') // 9:00 p.m. → 8:00 a.m.
    expect(at('2026-05-05T07:00:00.000Z')).toBe('2026-05-05T15:00:00.000Z') // midnight → same morning
    expect(at('2026-05-05T14:59:00.000Z')).toBe('2026-05-05T15:00:00.000Z') // 7:59 a.m.
  })

  it('keeps 8 a.m. local on standard time (UTC-8) and across the changes', () => {
    expect(at('2026-12-02T05:30:00.000Z')).toBe('2026-12-02T16:00:00.000Z') // 9:30 p.m. PST → 8 a.m. PST
    // Saturday 7 March 2026, 10 p.m. PST; the clocks go forward that night: 8 a.m. Sunday is daylight time.
    expect(at('2026-03-08T06:00:00.000Z')).toBe('2026-03-08T15:00:00.000Z')
    // Saturday 31 October 2026, 10 p.m. PDT; the clocks go back that night: 8 a.m. Sunday is standard time.
    expect(at('2026-11-01T05:00:00.000Z')).toBe('2026-11-01T16:00:00.000Z')
  })

  it('counts the daily cap from midnight Pacific and releases it at 8 a.m. the next day', () => {
    expect(startOfAgencyDay(new Date('2026-05-04T17:00:00Z')).toISOString()).toBe('2026-05-04T07:00:00.000Z')
    expect(tomorrowMorning(new Date('2026-05-04T17:00:00Z')).toISOString()).toBe('2026-05-05T15:00:00.000Z')
  })
})
