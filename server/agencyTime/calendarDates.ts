// Calendar-date arithmetic, the one implementation for the ledger, the callbacks, the calls and the demo data. A
// calendar date is already fixed in the agency's time zone (zonedTime.ts turns instants into dates and back), so it
// is handled as integers (year, month, day) with no Date object, no time zone and no clock.

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string

export interface CalendarDate {
  year: number
  /** 1 to 12 */
  month: number
  day: number
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** The digit at `index` of `text` as a number, or NaN when it is not one of 0 to 9. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48
  return code >= 0 && code <= 9 ? code : Number.NaN
}

/**
 * YYYY-MM-DD read character by character, or null when it is not a real calendar date. Read millions of times by the
 * ledger replay and the synthetic seed, so no regular expression, no slices and no intermediate arrays.
 */
function readIsoDate(value: unknown): CalendarDate | null {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null
  const year = digitAt(value, 0) * 1000 + digitAt(value, 1) * 100 + digitAt(value, 2) * 10 + digitAt(value, 3)
  const month = digitAt(value, 5) * 10 + digitAt(value, 6)
  const day = digitAt(value, 8) * 10 + digitAt(value, 9)
  // NaN (a character that is not a digit) fails every comparison below.
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return null
  return { year, month, day }
}

export function isIsoDate(value: string): boolean {
  return readIsoDate(value) !== null
}

export function parseIsoDate(date: IsoDate): CalendarDate {
  const parsed = readIsoDate(date)
  if (parsed === null) throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`)
  return parsed
}

export function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range for an ISO date: ${year}`)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Zero-padded ISO dates sort as strings, so comparison needs no parsing. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0
}

export function monthStart(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date)
  return formatIsoDate({ year, month, day: 1 })
}

export function isSameMonth(a: IsoDate, b: IsoDate): boolean {
  return a.slice(0, 7) === b.slice(0, 7)
}

/** Adds calendar months; a day past the end of the target month is clamped to its last day (Jan 31 + 1 = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = (index % 12) + 1
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth))
  return formatIsoDate({ year: targetYear, month: targetMonth, day: targetDay })
}

/** Whole months from the month of `from` to the month of `to` (days ignored): 2024-01-31 → 2024-02-01 is 1. */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from)
  const b = parseIsoDate(to)
  return b.year * 12 + b.month - (a.year * 12 + a.month)
}

// Days since 1970-01-01 by the proleptic Gregorian calendar (H. Hinnant's days_from_civil), exact in integers.
function epochDay({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

function fromEpochDay(days: number): CalendarDate {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const dayOfEra = z - era * 146097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

/** Days since 1970-01-01 (negative before it). */
export function epochDayOf(date: IsoDate): number {
  return epochDay(parseIsoDate(date))
}

export function dateOfEpochDay(days: number): IsoDate {
  return formatIsoDate(fromEpochDay(days))
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfEpochDay(epochDayOf(date) + days)
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01, epoch day 0, was a Thursday). */
export function isoWeekdayOf(date: IsoDate): number {
  return ((((epochDayOf(date) + 3) % 7) + 7) % 7) + 1
}

/** Signed number of days from `from` to `to`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(parseIsoDate(to)) - epochDay(parseIsoDate(from))
}

/** The federal fiscal year runs Oct 1 – Sep 30 and is named for the year it ends in (2024-10-01 is in FY 2025). */
export function federalFiscalYear(date: IsoDate): number {
  const { year, month } = parseIsoDate(date)
  return month >= 10 ? year + 1 : year
}

export function fiscalYearStart(fiscalYear: number): IsoDate {
  return formatIsoDate({ year: fiscalYear - 1, month: 10, day: 1 })
}

export function fiscalYearEnd(fiscalYear: number): IsoDate {
  return formatIsoDate({ year: fiscalYear, month: 9, day: 30 })
}
