// When a callback is due. California Code of Regulations, title 22, section 111544: a local child support
// agency responds to an inquiry within three business days. Inside that limit the parent's preferred window
// is honoured: the request is due by the end of the first window the office can still work — one that has at
// least `minimumNoticeMinutes` of office time left after the request — and never later than three business
// days after the request, whatever the window.
import type { BusinessCalendar } from './businessCalendar'
import { type IsoDate, parseClockTime } from '../agencyTime/zonedTime'

export const callbackWindows = ['asap', 'morning', 'afternoon'] as const
export type CallbackWindow = (typeof callbackWindows)[number]

export function isCallbackWindow(value: unknown): value is CallbackWindow {
  return typeof value === 'string' && (callbackWindows as readonly string[]).includes(value)
}

/** Wall-clock bounds of a window, "HH:MM"; an open end runs to the office's opening or closing. */
export interface WindowBounds {
  from?: string
  to?: string
}

export interface ServiceLevelOptions {
  /** 22 CCR 111544. */
  maxBusinessDays: number
  /** How much of a window must be left after the request for that window to count. */
  minimumNoticeMinutes: number
  /** 'asap' is the whole office day. */
  windows: Record<Exclude<CallbackWindow, 'asap'>, WindowBounds>
  /** After a missed call (no answer, message left), how much office time passes before the next try. */
  retryDelayBusinessMinutes: number
}

export const defaultServiceLevelOptions: ServiceLevelOptions = {
  maxBusinessDays: 3,
  minimumNoticeMinutes: 120,
  // With the default 8:00–16:00 office: morning 8–12, afternoon 12–4.
  windows: { morning: { to: '12:00' }, afternoon: { from: '12:00' } },
  retryDelayBusinessMinutes: 120,
}

export interface WindowInterval {
  startsAt: Date
  endsAt: Date
}

export interface TimeLeft {
  /** Wall-clock milliseconds until the due time; negative once overdue. */
  msLeft: number
  /** Office time left, in whole minutes (0 once overdue). */
  businessMinutesLeft: number
  overdue: boolean
}

export interface ServiceLevel {
  readonly options: ServiceLevelOptions
  /** The window's interval on a business day, clipped to office hours; null when closed or the window is empty. */
  windowOn(date: IsoDate, window: CallbackWindow): WindowInterval | null
  /** The latest a request made at `requestedAt` may be due: three business days of office time later. */
  latestDueBy(requestedAt: Date): Date
  dueBy(requestedAt: Date, window: CallbackWindow): Date
  /** The earliest the next try may be made after a missed call at `attemptedAt`: the delay, then the window. */
  retryNotBefore(attemptedAt: Date, window: CallbackWindow): Date
  timeLeft(dueBy: Date, now: Date): TimeLeft
}

const minuteMs = 60_000

export function createServiceLevel(calendar: BusinessCalendar, overrides: Partial<ServiceLevelOptions> = {}): ServiceLevel {
  const options: ServiceLevelOptions = { ...defaultServiceLevelOptions, ...overrides }
  if (!Number.isInteger(options.maxBusinessDays) || options.maxBusinessDays < 1)
    throw new RangeError('maxBusinessDays must be a whole number ≥ 1')
  const bounds = {
    morning: parseBounds(options.windows.morning),
    afternoon: parseBounds(options.windows.afternoon),
  }

  const windowOn = (date: IsoDate, window: CallbackWindow): WindowInterval | null => {
    const day = calendar.officeDay(date)
    if (!day) return null
    if (window === 'asap') return { startsAt: day.opensAt, endsAt: day.closesAt }
    const { from, to } = bounds[window]
    const startsAt = from === undefined ? day.opensAt : latest(day.opensAt, calendar.instantAt(date, from))
    const endsAt = to === undefined ? day.closesAt : earliest(day.closesAt, calendar.instantAt(date, to))
    return startsAt < endsAt ? { startsAt, endsAt } : null
  }

  const latestDueBy = (requestedAt: Date) => calendar.addBusinessDays(requestedAt, options.maxBusinessDays)

  /** The first window interval that leaves `noticeMs` after `after`, if one starts before `limit`. */
  const firstWindowAfter = (after: Date, window: CallbackWindow, noticeMs: number, limit: Date): WindowInterval | null => {
    let date = calendar.localDateOf(after)
    if (!calendar.isBusinessDay(date)) date = calendar.nextBusinessDay(date)
    for (let day = calendar.officeDay(date)!; day.opensAt <= limit; day = calendar.officeDay(calendar.nextBusinessDay(day.date))!) {
      const interval = windowOn(day.date, window)
      if (interval && interval.endsAt.getTime() - Math.max(interval.startsAt.getTime(), after.getTime()) >= noticeMs)
        return interval
    }
    return null
  }

  const dueBy = (requestedAt: Date, window: CallbackWindow): Date => {
    const limit = latestDueBy(requestedAt)
    const interval = firstWindowAfter(requestedAt, window, options.minimumNoticeMinutes * minuteMs, limit)
    return interval ? earliest(interval.endsAt, limit) : limit
  }

  const retryNotBefore = (attemptedAt: Date, window: CallbackWindow): Date => {
    const afterDelay = calendar.addBusinessMinutes(attemptedAt, options.retryDelayBusinessMinutes)
    // Within the parent's window if one comes within a week of office days; the delay alone otherwise.
    const interval = firstWindowAfter(afterDelay, window, 1, calendar.addBusinessDays(afterDelay, 5))
    return interval ? latest(interval.startsAt, afterDelay) : afterDelay
  }

  const timeLeft = (due: Date, now: Date): TimeLeft => {
    const msLeft = due.getTime() - now.getTime()
    return { msLeft, businessMinutesLeft: Math.floor(calendar.businessMinutesBetween(now, due)), overdue: msLeft < 0 }
  }

  return { options, windowOn, latestDueBy, dueBy, retryNotBefore, timeLeft }
}

function parseBounds(bounds: WindowBounds): { from?: number; to?: number } {
  return {
    from: bounds.from === undefined ? undefined : parseClockTime(bounds.from),
    to: bounds.to === undefined ? undefined : parseClockTime(bounds.to),
  }
}

const earliest = (a: Date, b: Date) => (a <= b ? a : b)
const latest = (a: Date, b: Date) => (a >= b ? a : b)
