import { addDays } from '../agencyTime/calendarDates'
import { instantAt, localPartsOf } from '../agencyTime/zonedTime'
import { agencyTimeZone } from '../config'

// When an alert may go out. Texts keep quiet hours: none from 9 p.m. to 8 a.m. Pacific; one that falls due then is
// held until 8 a.m. Emails wait in an inbox, so they go at any hour. Each parent gets at most a few alerts a day by
// each channel; what is over the cap waits for the next morning.

export const quietHoursStart = 21 * 60
export const quietHoursEnd = 8 * 60

/** The next instant, from `now`, at which a text may be sent: now, or 8 a.m. Pacific. */
export function nextTextingTime(now: Date): Date {
  const { date, minuteOfDay } = localPartsOf(now, agencyTimeZone)
  if (minuteOfDay >= quietHoursEnd && minuteOfDay < quietHoursStart) return now
  const morning = minuteOfDay >= quietHoursStart ? addDays(date, 1) : date
  return instantAt(morning, quietHoursEnd, agencyTimeZone)
}

/** Midnight at the agency, the start of the day the daily cap counts. */
export function startOfAgencyDay(now: Date): Date {
  return instantAt(localPartsOf(now, agencyTimeZone).date, 0, agencyTimeZone)
}

/** 8 a.m. Pacific tomorrow: when alerts held by the daily cap go. */
export function tomorrowMorning(now: Date): Date {
  return instantAt(addDays(localPartsOf(now, agencyTimeZone).date, 1), quietHoursEnd, agencyTimeZone)
}
