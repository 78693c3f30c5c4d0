// Dates for the demo, all counted from an anchor "today" that the caller passes in, so a demo started next
// year still has a hearing next week and payments last month. Calendar arithmetic and time zones are agencyTime's.
import { addDays, addMonths, daysInMonth, formatIsoDate, type IsoDate } from '../agencyTime/calendarDates'
import { instantAt } from '../agencyTime/zonedTime'
import { agencyCalendar } from '../callbacks/businessCalendar'
import { agencyTimeZone } from '../config'

// These run millions of times in the synthetic seed, so they do integer month arithmetic on an anchor that was
// checked once (loadDemoData, seedCommand) instead of re-parsing it on every call.

/** The given day of the month `months` before today's month, clamped to that month's last day. */
export function dayOfMonthAgo(today: IsoDate, months: number, day: number): IsoDate {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  return formatIsoDate({ year, month, day: Math.min(day, daysInMonth(year, month)) })
}

/** The 1st of the month `months` before the month of `today` (0 is this month's 1st). */
export function monthStartAgo(today: IsoDate, months: number): IsoDate {
  return dayOfMonthAgo(today, months, 1)
}

/** A day the agency's calendar has open (a weekday, no California state holiday): courts keep the same days. */
export function isOfficeDay(date: IsoDate): boolean {
  return agencyCalendar.isBusinessDay(date)
}

/**
 * The first office day from `date` to `maxLater` days after it, or else the last one before it: a hearing set
 * "next week" stays within the week even when a holiday weekend falls where it was aimed.
 */
export function officeDayNear(date: IsoDate, maxLater = 2): IsoDate {
  for (let later = 0; later <= maxLater; later++) {
    if (isOfficeDay(addDays(date, later))) return addDays(date, later)
  }
  let earlier = addDays(date, -1)
  while (!isOfficeDay(earlier)) earlier = addDays(earlier, -1)
  return earlier
}

/** The UTC instant (ISO) of a wall-clock time on `date` in the agency's time zone, daylight saving included. */
export function agencyInstant(date: IsoDate, hour: number, minute = 0): string {
  // The synthetic seed asks for the same few thousand (day, hour) pairs millions of times; the time-zone arithmetic
  // behind each is the costly part, so answers are kept (the cache is emptied when it grows past its bound).
  const key = `${date} ${hour * 60 + minute}`
  let instant = instants.get(key)
  if (instant === undefined) {
    instant = instantAt(date, hour * 60 + minute, agencyTimeZone).toISOString()
    if (instants.size >= 20_000) instants.clear()
    instants.set(key, instant)
  }
  return instant
}
const instants = new Map<string, string>()

/** A date of birth `years` (and `days` more) before today: children keep their age whenever the demo starts. */
export function bornYearsAgo(today: IsoDate, years: number, days = 0): IsoDate {
  return addDays(addMonths(today, -12 * years), -days)
}
