// When the time-based alerts fall due, as pure rules of the agency's calendar date (America/Los_Angeles) and its
// business calendar, so a test can fix the day. Each rule names the occasion it is about (the due date, the month, the
// event's window); the scan keys each alert on that occasion, so running a rule on every day of its window still
// raises one alert per occasion.
import { addDays, addMonths, type IsoDate, monthStart } from '../agencyTime/calendarDates'
import type { BusinessCalendar } from '../callbacks/businessCalendar'

/** Business days before the 1st that "a payment is due in a few days" goes out. */
export const DUE_SOON_BUSINESS_DAYS = 3
/** The day of the month by which a payment counts in that month (DESIGN.md §3). */
export const COUNTS_BY_DAY = 20
/** Days ahead that "a hearing or appointment is coming up" looks. */
export const COMING_UP_DAYS = 3

/**
 * The due date (the next 1st) when `today` falls in the last few business days before it, else null. A weekend or a
 * holiday before the 1st does not shorten the notice: the window starts that many business days earlier.
 */
export function paymentDueSoon(today: IsoDate, calendar: Pick<BusinessCalendar, 'previousBusinessDay'>): IsoDate | null {
  const dueOn = addMonths(monthStart(today), 1)
  let from = dueOn
  for (let i = 0; i < DUE_SOON_BUSINESS_DAYS; i++) from = calendar.previousBusinessDay(from)
  return today >= from && today < dueOn ? dueOn : null
}

/**
 * The month (its 1st) whose missing payment is worth telling about, from the first business day after the 20th (a
 * payment made on the 20th itself, or on a weekend before it, posts by then) to the month's end; else null.
 */
export function paymentMissingMonth(today: IsoDate, calendar: Pick<BusinessCalendar, 'nextBusinessDay'>): IsoDate | null {
  const month = monthStart(today)
  const checkFrom = calendar.nextBusinessDay(addDays(month, COUNTS_BY_DAY - 1))
  return today >= checkFrom ? month : null
}

/** The instants between which a scheduled hearing or appointment is "coming up": after now, within the next few days. */
export function comingUpWindow(now: Date): { after: Date; until: Date } {
  return { after: now, until: new Date(now.getTime() + COMING_UP_DAYS * 86_400_000) }
}
