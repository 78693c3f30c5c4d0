import { addDays, isIsoDate, isoWeekdayOf } from '../../server/agencyTime/calendarDates'
import { instantAt, localDateOf, localPartsOf, parseClockTime } from '../../server/agencyTime/zonedTime'

const pacific = 'America/Los_Angeles'

describe('wall-clock times at the agency', () => {
  it('turn 8:00 into 16:00 UTC in winter and 15:00 UTC in summer', () => {
    expect(instantAt('2026-01-05', 480, pacific).toISOString()).toBe('2026-01-05T16:00:00.000Z')
    expect(instantAt('2026-07-06', 480, pacific).toISOString()).toBe('2026-07-06T15:00:00.000Z')
  })

  it('change offset on the 2026 daylight saving days (March 8, November 1)', () => {
    expect(instantAt('2026-03-07', 480, pacific).toISOString()).toBe('2026-03-07T16:00:00.000Z')
    expect(instantAt('2026-03-08', 480, pacific).toISOString()).toBe('2026-03-08T15:00:00.000Z')
    expect(instantAt('2026-10-31', 480, pacific).toISOString()).toBe('2026-10-31T15:00:00.000Z')
    expect(instantAt('2026-11-01', 480, pacific).toISOString()).toBe('2026-11-01T16:00:00.000Z')
  })

  it('carry a time skipped in spring past the gap, and take the first of a time repeated in autumn', () => {
    // 2:30 a.m. on March 8, 2026 does not exist: clocks go from 1:59:59 PST to 3:00 PDT.
    expect(instantAt('2026-03-08', 150, pacific).toISOString()).toBe('2026-03-08T10:30:00.000Z')
    // 1:30 a.m. on November 1, 2026 happens twice; the first is still daylight time (UTC−7).
    expect(instantAt('2026-11-01', 90, pacific).toISOString()).toBe('2026-11-01T08:30:00.000Z')
  })

  it('read an instant back as the agency date and minute of day', () => {
    expect(localPartsOf(new Date('2026-01-06T07:59:00Z'), pacific)).toEqual({ date: '2026-01-05', minuteOfDay: 23 * 60 + 59 })
    expect(localPartsOf(new Date('2026-07-06T15:00:00Z'), pacific)).toEqual({ date: '2026-07-06', minuteOfDay: 480 })
  })

  it('round-trip every quarter hour of a whole year', () => {
    for (let day = 0; day < 366; day += 1) {
      const date = addDays('2026-01-01', day)
      for (let minute = 0; minute < 1440; minute += 15) {
        const instant = instantAt(date, minute, pacific)
        const parts = localPartsOf(instant, pacific)
        // Only the skipped spring hour (2:00–2:59 on March 8) cannot come back as itself.
        if (!(date === '2026-03-08' && minute >= 120 && minute < 180)) expect(parts).toEqual({ date, minuteOfDay: minute })
      }
    }
  })

  it('do date arithmetic and weekdays on plain dates', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(isoWeekdayOf('2026-01-05')).toBe(1)
    expect(isoWeekdayOf('2026-01-04')).toBe(7)
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(parseClockTime('16:00')).toBe(960)
    expect(() => parseClockTime('4pm')).toThrow(RangeError)
    expect(() => parseClockTime('24:30')).toThrow(RangeError)
  })
})

describe('clock times and local dates at their edges', () => {
  it('reads HH:MM from 00:00 to 24:00 and nothing else', () => {
    expect(parseClockTime('00:00')).toBe(0)
    expect(parseClockTime('08:00')).toBe(480)
    expect(parseClockTime('23:59')).toBe(1439)
    expect(parseClockTime('24:00')).toBe(1440)
    for (const text of ['24:01', '25:00', '29:00', '8:00', 'x08:00', '08:00x', '08:60', '', '08:00 ']) {
      expect(() => parseClockTime(text)).toThrow(`not a clock time (HH:MM): ${JSON.stringify(text)}`)
    }
  })

  it('gives the calendar date in the zone, either side of midnight and across zones', () => {
    // 07:59 UTC is 11:59 p.m. the day before in Los Angeles (daylight time), 08:00 UTC is midnight there.
    expect(localDateOf(new Date('2026-05-05T06:59:59Z'), 'America/Los_Angeles')).toBe('2026-05-04')
    expect(localDateOf(new Date('2026-05-05T07:00:00Z'), 'America/Los_Angeles')).toBe('2026-05-05')
    expect(localDateOf(new Date('2026-12-31T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-31')
    expect(localDateOf(new Date('2026-12-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2027-01-01')
    // The same answer the second time (the formatter is kept per zone).
    expect(localDateOf(new Date('2026-12-31T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-31')
  })
})
