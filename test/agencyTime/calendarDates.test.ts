import fc from 'fast-check'
import {
  addDays,
  dateOfEpochDay,
  epochDayOf,
  isoWeekdayOf,
  addMonths,
  compareIsoDates,
  daysBetween,
  federalFiscalYear,
  fiscalYearEnd,
  fiscalYearStart,
  isIsoDate,
  monthStart,
  monthsBetween,
  parseIsoDate,
} from '../../server/agencyTime/calendarDates'

describe('calendar', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('1900-02-29')).toBe(false)
    expect(isIsoDate('2000-02-29')).toBe(true)
    expect(isIsoDate('2024-13-01')).toBe(false)
    expect(isIsoDate('2024-1-01')).toBe(false)
    expect(isIsoDate('2024-04-31')).toBe(false)
    expect(() => parseIsoDate('2024-04-31')).toThrow(RangeError)
  })

  it('reads a date character by character and refuses anything but digits and dashes in their places', () => {
    expect(parseIsoDate('0001-01-01')).toEqual({ year: 1, month: 1, day: 1 })
    expect(parseIsoDate('9999-12-31')).toEqual({ year: 9999, month: 12, day: 31 })
    expect(parseIsoDate('2024-11-30')).toEqual({ year: 2024, month: 11, day: 30 })
    for (const bad of ['2024-0a-01', '2024/01/01', ' 2024-01-01', '2024-01-01 ', '2024-01-01\n', '+024-01-01', '2024-01-0:',
      '2024-00-10', '2024-01-00', '2024-1-011', '', '2024-01-32', '２０２４-01-01']) {
      expect([bad, isIsoDate(bad)]).toEqual([bad, false])
      expect(() => parseIsoDate(bad)).toThrow(RangeError)
    }
    // Whatever reaches it at run time, it answers false rather than throwing.
    for (const notText of [undefined, null, 20240101, ['2024-01-01']]) expect(isIsoDate(notText as unknown as string)).toBe(false)
  })

  it('finds the 1st of the month', () => {
    expect(monthStart('2024-03-31')).toBe('2024-03-01')
  })

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28')
    expect(addMonths('2024-11-01', 2)).toBe('2025-01-01')
    expect(addMonths('2024-01-15', -1)).toBe('2023-12-15')
    expect(addMonths('2024-03-01', 600)).toBe('2074-03-01')
  })

  it('counts whole months by calendar month', () => {
    expect(monthsBetween('2024-01-31', '2024-02-01')).toBe(1)
    expect(monthsBetween('2023-11-15', '2024-02-01')).toBe(3)
    expect(monthsBetween('2024-02-01', '2023-11-15')).toBe(-3)
  })

  it('counts days across leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
  })

  it('names the federal fiscal year for the year it ends in (Oct 1 – Sep 30)', () => {
    expect(federalFiscalYear('2024-09-30')).toBe(2024)
    expect(federalFiscalYear('2024-10-01')).toBe(2025)
    expect(federalFiscalYear('2025-01-15')).toBe(2025)
    expect(fiscalYearStart(2025)).toBe('2024-10-01')
    expect(fiscalYearEnd(2025)).toBe('2025-09-30')
  })

  it('orders dates as strings', () => {
    expect(compareIsoDates('2024-01-02', '2024-01-10')).toBe(-1)
    expect(compareIsoDates('2024-01-10', '2024-01-10')).toBe(0)
    expect(compareIsoDates('2025-01-01', '2024-12-31')).toBe(1)
  })

  // Date is used here only as an independent reference for the integer day arithmetic.
  it('agrees with the UTC calendar for day arithmetic', () => {
    const day = 86_400_000
    const dates = fc.integer({ min: Date.UTC(1900, 0, 1) / day, max: Date.UTC(2199, 11, 31) / day })
    fc.assert(
      fc.property(dates, fc.integer({ min: -20_000, max: 20_000 }), (epochDay, offset) => {
        const iso = new Date(epochDay * day).toISOString().slice(0, 10)
        const expected = new Date((epochDay + offset) * day).toISOString().slice(0, 10)
        expect(addDays(iso, offset)).toBe(expected)
        expect(daysBetween(iso, expected)).toBe(offset)
      }),
    )
  })
})

describe('epoch days and weekdays, the one count for the ledger, the callbacks and the calls', () => {
  it('counts days from 1970-01-01 and back, before and after it', () => {
    expect(epochDayOf('1970-01-01')).toBe(0)
    expect(epochDayOf('1969-12-31')).toBe(-1)
    expect(epochDayOf('2026-12-02')).toBe(Date.UTC(2026, 11, 2) / 86_400_000)
    fc.assert(fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => epochDayOf(dateOfEpochDay(days)) === days))
  })

  it('names the ISO weekday (1 Monday to 7 Sunday) as the platform calendar does, either side of the epoch', () => {
    expect(isoWeekdayOf('1970-01-01')).toBe(4)
    expect(isoWeekdayOf('2026-12-02')).toBe(3)
    expect(isoWeekdayOf('2026-12-06')).toBe(7)
    expect(isoWeekdayOf('1969-12-29')).toBe(1)
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => {
        const platform = new Date(days * 86_400_000).getUTCDay()
        return isoWeekdayOf(dateOfEpochDay(days)) === (platform === 0 ? 7 : platform)
      }),
    )
  })
})
