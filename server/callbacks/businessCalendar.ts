// When people answer at the agency: office hours by weekday in the agency's time zone, less California state
// holidays and any extra closed dates. Times go in and out as UTC instants; office hours are wall-clock times,
// turned into instants day by day so that a daylight saving change moves nothing at the office.
import { agencyTimeZone } from '../config'
import { type CaliforniaHolidayOptions, type Holiday, holidayLookup } from './californiaHolidays'
import { addDays, type IsoDate, isIsoDate, isoWeekdayOf } from '../agencyTime/calendarDates'
import { instantAt, localDateOf, type MinuteOfDay, parseClockTime } from '../agencyTime/zonedTime'

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
export type Weekday = (typeof weekdays)[number]

/** Wall-clock opening hours, "HH:MM" in 24-hour time. */
export interface OfficeHours {
  opens: string
  closes: string
}

export interface BusinessCalendarOptions {
  /** IANA zone of the office. Default America/Los_Angeles. */
  timeZone?: string
  /** Hours by weekday; a weekday left out is closed. Default Monday to Friday, 8:00 to 16:00 (DESIGN.md §3). */
  weeklyHours?: Partial<Record<Weekday, OfficeHours>>
  holidays?: CaliforniaHolidayOptions
  /** Further whole days the office is closed (a day the Governor appoints, a county closure). */
  extraClosedDates?: readonly IsoDate[]
}

const weekdayHours: OfficeHours = { opens: '08:00', closes: '16:00' }

export const defaultWeeklyHours: Readonly<Partial<Record<Weekday, OfficeHours>>> = {
  monday: weekdayHours,
  tuesday: weekdayHours,
  wednesday: weekdayHours,
  thursday: weekdayHours,
  friday: weekdayHours,
}

export type Closure =
  | { reason: 'closed_weekday' }
  | { reason: 'holiday'; holiday: Holiday }
  | { reason: 'closed_date' }

export interface OfficeDay {
  date: IsoDate
  opensAt: Date
  closesAt: Date
}

export interface BusinessCalendar {
  readonly timeZone: string
  /** Why the office is closed all of `date`, or null on a business day. */
  closureOn(date: IsoDate): Closure | null
  isBusinessDay(date: IsoDate): boolean
  /** Opening and closing instants of a business day; null when closed. */
  officeDay(date: IsoDate): OfficeDay | null
  /** The first business day after `date`. */
  nextBusinessDay(date: IsoDate): IsoDate
  /** The last business day before `date`. */
  previousBusinessDay(date: IsoDate): IsoDate
  /** The instant the wall clock at the office reads `date` + `minuteOfDay`. */
  instantAt(date: IsoDate, minuteOfDay: MinuteOfDay): Date
  localDateOf(instant: Date): IsoDate
  /** Open from the opening instant up to, not including, the closing instant. */
  isOpenAt(instant: Date): boolean
  /** `instant` itself while open, otherwise the next opening. */
  nextOpenAt(instant: Date): Date
  /**
   * `days` business days of office time after `instant`: on an open instant the same time of day `days`
   * business days later; from a closed instant, counted from the previous closing (which is the same point in
   * office time as the next opening). The result is always open or exactly a closing time.
   */
  addBusinessDays(instant: Date, days: number): Date
  /** `minutes` of office time after `instant` (counted from the next opening when closed). */
  addBusinessMinutes(instant: Date, minutes: number): Date
  /** Office time between two instants, in minutes (0 when `to` is not after `from`). */
  businessMinutesBetween(from: Date, to: Date): number
}

export class BusinessCalendarError extends Error {}

/** Enough to cross any run of closed days a real schedule has; a calendar with no open day fails fast instead. */
const searchLimitDays = 400
const minuteMs = 60_000

export function createBusinessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  const timeZone = options.timeZone ?? agencyTimeZone
  // Fails here, not at the first call, when the zone name is not one Intl knows.
  new Intl.DateTimeFormat('en-US', { timeZone })
  const weekly = options.weeklyHours ?? defaultWeeklyHours
  const hoursByIsoWeekday = new Map<number, { opens: MinuteOfDay; closes: MinuteOfDay }>()
  weekdays.forEach((weekday, index) => {
    const hours = weekly[weekday]
    if (!hours) return
    const opens = parseClockTime(hours.opens)
    const closes = parseClockTime(hours.closes)
    if (opens >= closes) throw new BusinessCalendarError(`${weekday}: opening ${hours.opens} is not before closing ${hours.closes}`)
    hoursByIsoWeekday.set(index + 1, { opens, closes })
  })
  if (hoursByIsoWeekday.size === 0) throw new BusinessCalendarError('the office must open on at least one weekday')
  const extraClosed = new Set(options.extraClosedDates ?? [])
  for (const date of extraClosed) if (!isIsoDate(date)) throw new BusinessCalendarError(`not an ISO date: ${date}`)
  const holidayOn = holidayLookup(options.holidays)

  const closureOn = (date: IsoDate): Closure | null => {
    if (!hoursByIsoWeekday.has(isoWeekdayOf(date))) return { reason: 'closed_weekday' }
    const holiday = holidayOn(date)
    if (holiday) return { reason: 'holiday', holiday }
    if (extraClosed.has(date)) return { reason: 'closed_date' }
    return null
  }

  // Office days are asked for again and again by the loops below; a small cache keeps Intl calls down.
  const officeDays = new Map<IsoDate, OfficeDay | null>()
  const officeDay = (date: IsoDate): OfficeDay | null => {
    if (officeDays.has(date)) return officeDays.get(date)!
    let day: OfficeDay | null = null
    const hours = hoursByIsoWeekday.get(isoWeekdayOf(date))
    if (hours && !closureOn(date)) {
      day = { date, opensAt: instantAt(date, hours.opens, timeZone), closesAt: instantAt(date, hours.closes, timeZone) }
    }
    if (officeDays.size > 5000) officeDays.clear()
    officeDays.set(date, day)
    return day
  }

  const stepToBusinessDay = (date: IsoDate, step: 1 | -1): IsoDate => {
    let candidate = date
    for (let i = 0; i < searchLimitDays; i++) {
      candidate = addDays(candidate, step)
      if (officeDay(candidate)) return candidate
    }
    throw new BusinessCalendarError(`no business day within ${searchLimitDays} days of ${date}`)
  }
  const nextBusinessDay = (date: IsoDate) => stepToBusinessDay(date, 1)
  const previousBusinessDay = (date: IsoDate) => stepToBusinessDay(date, -1)

  const isOpenAt = (instant: Date): boolean => {
    const day = officeDay(localDateOf(instant, timeZone))
    return day !== null && instant >= day.opensAt && instant < day.closesAt
  }

  const nextOpenAt = (instant: Date): Date => {
    const date = localDateOf(instant, timeZone)
    const day = officeDay(date)
    if (day && instant < day.closesAt) return instant < day.opensAt ? day.opensAt : instant
    return officeDay(nextBusinessDay(date))!.opensAt
  }

  /** Where an instant sits in office time: a business day and how far into it. */
  const officePosition = (instant: Date): { day: OfficeDay; elapsedMs: number } => {
    const date = localDateOf(instant, timeZone)
    const day = officeDay(date)
    if (day && instant >= day.opensAt) {
      const length = day.closesAt.getTime() - day.opensAt.getTime()
      return { day, elapsedMs: Math.min(instant.getTime() - day.opensAt.getTime(), length) }
    }
    const previous = officeDay(previousBusinessDay(date))!
    return { day: previous, elapsedMs: previous.closesAt.getTime() - previous.opensAt.getTime() }
  }

  const addBusinessDays = (instant: Date, days: number): Date => {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`business days must be a whole number ≥ 0, got ${days}`)
    if (days === 0) return instant
    const { day, elapsedMs } = officePosition(instant)
    let date = day.date
    for (let i = 0; i < days; i++) date = nextBusinessDay(date)
    const target = officeDay(date)!
    const length = target.closesAt.getTime() - target.opensAt.getTime()
    return new Date(target.opensAt.getTime() + Math.min(elapsedMs, length))
  }

  const addBusinessMinutes = (instant: Date, minutes: number): Date => {
    if (!(minutes >= 0)) throw new RangeError(`business minutes must be ≥ 0, got ${minutes}`)
    if (minutes === 0) return instant
    let remainingMs = minutes * minuteMs
    let cursor = nextOpenAt(instant)
    for (;;) {
      const day = officeDay(localDateOf(cursor, timeZone))!
      const availableMs = day.closesAt.getTime() - cursor.getTime()
      if (remainingMs <= availableMs) return new Date(cursor.getTime() + remainingMs)
      remainingMs -= availableMs
      cursor = officeDay(nextBusinessDay(day.date))!.opensAt
    }
  }

  const businessMinutesBetween = (from: Date, to: Date): number => {
    if (to <= from) return 0
    let totalMs = 0
    const last = localDateOf(to, timeZone)
    for (let date = localDateOf(from, timeZone); date <= last; date = addDays(date, 1)) {
      const day = officeDay(date)
      if (!day) continue
      const start = Math.max(day.opensAt.getTime(), from.getTime())
      const end = Math.min(day.closesAt.getTime(), to.getTime())
      if (end > start) totalMs += end - start
    }
    return totalMs / minuteMs
  }

  return {
    timeZone,
    closureOn,
    isBusinessDay: (date) => officeDay(date) !== null,
    officeDay,
    nextBusinessDay,
    previousBusinessDay,
    instantAt: (date, minuteOfDay) => instantAt(date, minuteOfDay, timeZone),
    localDateOf: (instant) => localDateOf(instant, timeZone),
    isOpenAt,
    nextOpenAt,
    addBusinessDays,
    addBusinessMinutes,
    businessMinutesBetween,
  }
}

/**
 * The agency's calendar: Monday to Friday, 8:00 to 16:00 Pacific, closed on California state holidays. Callbacks,
 * call figures and payout dates all count business days on this one calendar.
 */
export const agencyCalendar: BusinessCalendar = createBusinessCalendar()
