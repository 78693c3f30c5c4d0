import fc from 'fast-check'

import { createBusinessCalendar } from '../../server/callbacks/businessCalendar'
import { type CallbackWindow, callbackWindows, createServiceLevel, isCallbackWindow } from '../../server/callbacks/serviceLevel'

const calendar = createBusinessCalendar()
const serviceLevel = createServiceLevel(calendar)
const at = (iso: string) => new Date(iso)
const due = (requestedAt: string, window: CallbackWindow) => serviceLevel.dueBy(at(requestedAt), window).toISOString()

describe('service level: due within the chosen window, never later than three business days (22 CCR 111544)', () => {
  it('gives a request made on a Monday morning the same day when enough of the window is left', () => {
    // Monday 2026-01-05 9:00 Pacific.
    expect(due('2026-01-05T17:00:00Z', 'asap')).toBe('2026-01-06T00:00:00.000Z') // Monday 16:00
    expect(due('2026-01-05T17:00:00Z', 'morning')).toBe('2026-01-05T20:00:00.000Z') // Monday 12:00
    expect(due('2026-01-05T17:00:00Z', 'afternoon')).toBe('2026-01-06T00:00:00.000Z') // Monday 16:00
  })

  it('moves to the next business day when less than two hours of the window are left', () => {
    // Monday 10:30: the morning has 1.5 h left, so Tuesday morning.
    expect(due('2026-01-05T18:30:00Z', 'morning')).toBe('2026-01-06T20:00:00.000Z')
    // Monday 14:30: Tuesday for asap and afternoon.
    expect(due('2026-01-05T22:30:00Z', 'asap')).toBe('2026-01-07T00:00:00.000Z')
    expect(due('2026-01-05T22:30:00Z', 'afternoon')).toBe('2026-01-07T00:00:00.000Z')
  })

  it('counts a window with exactly two hours left, and not one with a minute less', () => {
    // Monday 10:00: exactly two hours of the morning (to 12:00) are left, so Monday noon; 10:01 is too late for it.
    expect(due('2026-01-05T18:00:00Z', 'morning')).toBe('2026-01-05T20:00:00.000Z')
    expect(due('2026-01-05T18:01:00Z', 'morning')).toBe('2026-01-06T20:00:00.000Z')
    // Monday 14:00: exactly two hours of the afternoon (to 16:00); 14:00:01 is too late, so Tuesday 16:00.
    expect(due('2026-01-05T22:00:00Z', 'afternoon')).toBe('2026-01-06T00:00:00.000Z')
    expect(due('2026-01-05T22:00:01Z', 'afternoon')).toBe('2026-01-07T00:00:00.000Z')
  })

  it('counts a whole window that is exactly two hours long', () => {
    const short = createServiceLevel(calendar, { windows: { morning: { from: '09:00', to: '11:00' }, afternoon: { from: '12:00' } } })
    // Monday 7:00, before the office opens: the whole 9:00–11:00 window is left, so Monday 11:00.
    expect(short.dueBy(at('2026-01-05T15:00:00Z'), 'morning').toISOString()).toBe('2026-01-05T19:00:00.000Z')
    // Shorter than two hours: no morning ever counts, and the three-day limit decides.
    const shorter = createServiceLevel(calendar, { windows: { morning: { from: '09:00', to: '10:59' }, afternoon: { from: '12:00' } } })
    expect(shorter.dueBy(at('2026-01-05T15:00:00Z'), 'morning').toISOString()).toBe('2026-01-08T00:00:00.000Z')
  })

  it('carries a weekend or evening request to the first business day', () => {
    // Friday 20:00 and Sunday: Monday.
    expect(due('2026-01-10T04:00:00Z', 'morning')).toBe('2026-01-12T20:00:00.000Z')
    expect(due('2026-01-11T19:00:00Z', 'afternoon')).toBe('2026-01-13T00:00:00.000Z')
  })

  it('skips holidays: a request the evening before Cesar Chavez Day is due Wednesday', () => {
    expect(due('2026-03-31T01:00:00Z', 'asap')).toBe('2026-04-01T23:00:00.000Z') // Mon 30 Mar 18:00 → Wed 16:00 PDT
    // The Wednesday before Thanksgiving, 15:00: Thursday and Friday are closed, so Monday.
    expect(due('2026-11-25T23:00:00Z', 'morning')).toBe('2026-11-30T20:00:00.000Z')
  })

  it('keeps the local window across a daylight saving change', () => {
    // Saturday before the spring change: Monday 12:00 PDT is 19:00 UTC.
    expect(due('2026-03-07T19:00:00Z', 'morning')).toBe('2026-03-09T19:00:00.000Z')
    // Saturday before the autumn change: Monday 16:00 PST is 00:00 UTC.
    expect(due('2026-10-31T19:00:00Z', 'afternoon')).toBe('2026-11-03T00:00:00.000Z')
  })

  it('lets the three-day limit win over a window that cannot be honoured in time', () => {
    // An office whose only morning hours are on a day far away: the limit caps the due time.
    const odd = createServiceLevel(calendar, { windows: { morning: { from: '06:00', to: '07:00' }, afternoon: { from: '12:00' } } })
    const requestedAt = at('2026-01-05T18:00:00Z') // Monday 10:00
    expect(odd.windowOn('2026-01-06', 'morning')).toBeNull()
    expect(odd.dueBy(requestedAt, 'morning').toISOString()).toBe('2026-01-08T18:00:00.000Z') // Thursday 10:00
  })

  it('schedules a retry two office hours on, inside the window', () => {
    // Missed call Monday 11:00 with a morning window: 13:00 is past the morning, so Tuesday 8:00.
    expect(serviceLevel.retryNotBefore(at('2026-01-05T19:00:00Z'), 'morning').toISOString()).toBe('2026-01-06T16:00:00.000Z')
    // Afternoon window, missed call Monday 9:00: 11:00 is before the afternoon, so Monday 12:00.
    expect(serviceLevel.retryNotBefore(at('2026-01-05T17:00:00Z'), 'afternoon').toISOString()).toBe('2026-01-05T20:00:00.000Z')
    // asap, missed call Friday 15:00: Monday 9:00.
    expect(serviceLevel.retryNotBefore(at('2026-01-09T23:00:00Z'), 'asap').toISOString()).toBe('2026-01-12T17:00:00.000Z')
  })

  it('reports the time left in wall-clock and office time', () => {
    const dueBy = at('2026-01-12T17:00:00Z') // Monday 9:00
    expect(serviceLevel.timeLeft(dueBy, at('2026-01-09T23:00:00Z'))).toEqual({
      msLeft: (2 * 24 + 18) * 3_600_000,
      businessMinutesLeft: 120,
      overdue: false,
    })
    expect(serviceLevel.timeLeft(dueBy, at('2026-01-12T17:00:01Z'))).toMatchObject({ businessMinutesLeft: 0, overdue: true })
  })

  it('is not overdue exactly at the due time, and is one millisecond after', () => {
    const dueBy = at('2026-01-12T17:00:00Z')
    expect(serviceLevel.timeLeft(dueBy, dueBy)).toEqual({ msLeft: 0, businessMinutesLeft: 0, overdue: false })
    expect(serviceLevel.timeLeft(dueBy, at('2026-01-12T16:59:59.999Z'))).toEqual({ msLeft: 1, businessMinutesLeft: 0, overdue: false })
    expect(serviceLevel.timeLeft(dueBy, at('2026-01-12T17:00:00.001Z'))).toEqual({ msLeft: -1, businessMinutesLeft: 0, overdue: true })
    // Office minutes are whole: at 8:00:30, 59.5 minutes are left before 9:00 and read as 59.
    expect(serviceLevel.timeLeft(dueBy, at('2026-01-12T16:00:30Z'))).toMatchObject({ businessMinutesLeft: 59 })
  })

  describe('properties over random request times, 2020–2035', () => {
    const requestTimes = fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2035-12-31T00:00:00Z'), noInvalidDate: true })
    const windows = fc.constantFrom(...callbackWindows)

    it('is after the request and never later than three business days of office time', () => {
      fc.assert(
        fc.property(requestTimes, windows, (requestedAt, window) => {
          const dueBy = serviceLevel.dueBy(requestedAt, window)
          expect(dueBy.getTime()).toBeGreaterThan(requestedAt.getTime())
          expect(dueBy.getTime()).toBeLessThanOrEqual(calendar.addBusinessDays(requestedAt, 3).getTime())
          // An independent measure of the same limit: at most 3 × 8 h of office time between the two.
          expect(calendar.businessMinutesBetween(requestedAt, dueBy)).toBeLessThanOrEqual(3 * 8 * 60)
        }),
        { numRuns: 2000 },
      )
    })

    it('falls at the end of the chosen window on a business day, leaving at least two hours of it', () => {
      fc.assert(
        fc.property(requestTimes, windows, (requestedAt, window) => {
          const dueBy = serviceLevel.dueBy(requestedAt, window)
          const lastOpenMoment = new Date(dueBy.getTime() - 1)
          expect(calendar.isOpenAt(lastOpenMoment)).toBe(true)
          const interval = serviceLevel.windowOn(calendar.localDateOf(lastOpenMoment), window)!
          expect(dueBy).toEqual(interval.endsAt)
          const usable = interval.endsAt.getTime() - Math.max(interval.startsAt.getTime(), requestedAt.getTime())
          expect(usable).toBeGreaterThanOrEqual(2 * 3_600_000)
        }),
        { numRuns: 2000 },
      )
    })

    it('adds business days as exactly eight office hours each', () => {
      fc.assert(
        fc.property(requestTimes, fc.integer({ min: 1, max: 10 }), (instant, days) => {
          const later = calendar.addBusinessDays(instant, days)
          expect(calendar.businessMinutesBetween(instant, later)).toBe(days * 8 * 60)
        }),
        { numRuns: 1000 },
      )
    })
  })
})

describe('what the service level accepts', () => {
  it('knows the callback windows, and nothing else', () => {
    for (const window of callbackWindows) expect(isCallbackWindow(window)).toBe(true)
    for (const value of ['', 'evening', 'ASAP', ' morning', null, undefined, 1, ['asap']]) expect(isCallbackWindow(value)).toBe(false)
  })

  it('refuses a limit that is not a whole number of business days, one or more', () => {
    for (const maxBusinessDays of [0, -1, 1.5, Number.NaN]) {
      expect(() => createServiceLevel(calendar, { maxBusinessDays })).toThrow('maxBusinessDays must be a whole number ≥ 1')
    }
    expect(() => createServiceLevel(calendar, { maxBusinessDays: 1 })).not.toThrow()
  })
})
