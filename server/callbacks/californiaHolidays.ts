// The days California state offices close, computed per year.
//
// Sources:
// - Government Code 19853(a): the holidays every state employee is entitled to — January 1, the third Monday in
//   January, the third Monday in February, March 31, the last Monday in May, July 4, the first Monday in
//   September, November 11, Thanksgiving Day, the day after Thanksgiving and December 25 (plus a personal
//   holiday and any day the Governor appoints).
// - Government Code 19853(b) and 6701: a holiday on a Sunday is observed the following Monday; November 11 on a
//   Saturday is observed the preceding Friday.
// - CalHR, "State Holidays" (calhr.ca.gov/employees/pages/state-holidays.aspx): on any other Saturday holiday
//   employees accrue holiday credit instead — state offices do not close on the Friday before.
// - Government Code 6700 also lists days that are *not* office closures for state employees: Lincoln Day
//   (February 12) and Columbus Day were dropped from 19853 in 2009; Native American Day (fourth Friday in
//   September, AB 1973 of 2014), Juneteenth (June 19, AB 1655 of 2022), Lunar New Year (AB 2596 of 2022) and
//   Genocide Remembrance Day (April 24) are days an employee *may* take instead of the personal holiday
//   (19853(e)), so offices stay open. A county whose board closes on some of them (6700(a)(16)(B), 6701) names
//   them in `CaliforniaHolidayOptions.alsoClosedOn`; any other closure (a lunar date, a day the Governor
//   appoints) goes in the business calendar's list of extra closed dates.
import { addDays, epochDayOf, type IsoDate, isoWeekdayOf } from '../agencyTime/calendarDates'

export const stateHolidayNames = [
  'new_years_day',
  'martin_luther_king_jr_day',
  'presidents_day',
  'cesar_chavez_day',
  'memorial_day',
  'independence_day',
  'labor_day',
  'veterans_day',
  'thanksgiving_day',
  'day_after_thanksgiving',
  'christmas_day',
] as const

/** Days in Government Code 6700 that state offices work, which a county may choose to close for. */
export const optionalHolidayNames = ['lincoln_day', 'juneteenth', 'native_american_day', 'columbus_day'] as const

export type StateHolidayName = (typeof stateHolidayNames)[number]
export type OptionalHolidayName = (typeof optionalHolidayNames)[number]
export type HolidayName = StateHolidayName | OptionalHolidayName

export interface Holiday {
  name: HolidayName
  /** The day offices close. */
  date: IsoDate
  /** The date the holiday itself falls on; differs from `date` when it is observed on another day. */
  actualDate: IsoDate
}

export interface CaliforniaHolidayOptions {
  /** Optional 6700 holidays this agency also closes for. Default: none (the CalHR schedule). */
  alsoClosedOn?: readonly OptionalHolidayName[]
  /**
   * What a holiday on a Saturday does. `holiday_credit` (CalHR, the default): nothing, offices open Friday —
   * except Veterans Day, which 19853(b) moves to Friday. `preceding_friday`: many county schedules close on
   * the Friday before (6701 lets a board of supervisors choose an alternate day).
   */
  saturdayHolidays?: 'holiday_credit' | 'preceding_friday'
}

const pad = (n: number) => String(n).padStart(2, '0')
const fixed = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`

/** The `nth` (1-based) given ISO weekday of a month; nth = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): IsoDate {
  if (nth > 0) {
    const first = fixed(year, month, 1)
    const shift = (weekday - isoWeekdayOf(first) + 7) % 7
    return addDays(first, shift + (nth - 1) * 7)
  }
  const nextMonthFirst = month === 12 ? fixed(year + 1, 1, 1) : fixed(year, month + 1, 1)
  const last = addDays(nextMonthFirst, -1)
  return addDays(last, -((isoWeekdayOf(last) - weekday + 7) % 7))
}

const MONDAY = 1
const THURSDAY = 4
const FRIDAY = 5
const SATURDAY = 6
const SUNDAY = 7

/** Closures that follow from the holidays of `year` (an observed day may fall in the year before). */
export function californiaHolidaysOf(year: number, options: CaliforniaHolidayOptions = {}): Holiday[] {
  const saturdayRule = options.saturdayHolidays ?? 'holiday_credit'
  const thanksgiving = nthWeekday(year, 11, THURSDAY, 4)
  const actual: Array<{ name: HolidayName; date: IsoDate; fixedDate: boolean }> = [
    { name: 'new_years_day', date: fixed(year, 1, 1), fixedDate: true },
    { name: 'martin_luther_king_jr_day', date: nthWeekday(year, 1, MONDAY, 3), fixedDate: false },
    { name: 'presidents_day', date: nthWeekday(year, 2, MONDAY, 3), fixedDate: false },
    { name: 'cesar_chavez_day', date: fixed(year, 3, 31), fixedDate: true },
    { name: 'memorial_day', date: nthWeekday(year, 5, MONDAY, -1), fixedDate: false },
    { name: 'independence_day', date: fixed(year, 7, 4), fixedDate: true },
    { name: 'labor_day', date: nthWeekday(year, 9, MONDAY, 1), fixedDate: false },
    { name: 'veterans_day', date: fixed(year, 11, 11), fixedDate: true },
    { name: 'thanksgiving_day', date: thanksgiving, fixedDate: false },
    { name: 'day_after_thanksgiving', date: addDays(thanksgiving, 1), fixedDate: false },
    { name: 'christmas_day', date: fixed(year, 12, 25), fixedDate: true },
  ]
  const optional: Record<OptionalHolidayName, { date: IsoDate; fixedDate: boolean }> = {
    lincoln_day: { date: fixed(year, 2, 12), fixedDate: true },
    juneteenth: { date: fixed(year, 6, 19), fixedDate: true },
    native_american_day: { date: nthWeekday(year, 9, FRIDAY, 4), fixedDate: false },
    columbus_day: { date: nthWeekday(year, 10, MONDAY, 2), fixedDate: false },
  }
  for (const name of options.alsoClosedOn ?? []) actual.push({ name, ...optional[name] })

  const closures: Holiday[] = []
  for (const { name, date, fixedDate } of actual) {
    // Only fixed dates can land on a weekend; 6701 names those it moves, and optional ones are treated alike.
    if (!fixedDate) {
      closures.push({ name, date, actualDate: date })
      continue
    }
    const weekday = isoWeekdayOf(date)
    if (weekday === SUNDAY) closures.push({ name, date: addDays(date, 1), actualDate: date })
    else if (weekday === SATURDAY && (name === 'veterans_day' || saturdayRule === 'preceding_friday'))
      closures.push({ name, date: addDays(date, -1), actualDate: date })
    else if (weekday !== SATURDAY) closures.push({ name, date, actualDate: date })
  }
  return closures.sort((a, b) => epochDayOf(a.date) - epochDayOf(b.date))
}

/** The holiday that closes offices on `date`, if any. */
export function californiaHolidayOn(date: IsoDate, options: CaliforniaHolidayOptions = {}): Holiday | null {
  const year = Number(date.slice(0, 4))
  // A Saturday January 1 observed on the Friday before closes a day of the previous year.
  for (const candidateYear of [year, year + 1]) {
    const match = californiaHolidaysOf(candidateYear, options).find((h) => h.date === date)
    if (match) return match
  }
  return null
}

/** A cache for callers that ask about the same years again and again (the business calendar). */
export function holidayLookup(options: CaliforniaHolidayOptions = {}): (date: IsoDate) => Holiday | null {
  const byYear = new Map<number, Map<IsoDate, Holiday>>()
  const yearMap = (year: number) => {
    let map = byYear.get(year)
    if (!map) {
      map = new Map(californiaHolidaysOf(year, options).map((h) => [h.date, h]))
      byYear.set(year, map)
    }
    return map
  }
  return (date) => {
    const year = Number(date.slice(0, 4))
    return yearMap(year).get(date) ?? yearMap(year + 1).get(date) ?? null
  }
}
