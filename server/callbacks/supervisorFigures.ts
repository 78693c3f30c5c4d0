// The supervisor's callback figures for a period, computed from plain rows so that a hand-built set checks them.
//
// A request counts as completed within its due time when staff closed it — resolved, handed to the caseworker,
// or closed as unreachable after the attempts allowed — at or before its due time: each of those is the agency
// answering (22 CCR 111544), whether or not the parent picked up. Left out of the share, because the agency
// cannot yet have missed them: requests still pending whose due time has not come, and requests the parent
// cancelled before their due time. A request cancelled after its due time passed unanswered counts as missed.
import type { BusinessCalendar } from './businessCalendar'
import { answeredStatuses, type CallbackStatus, isPending } from './callbackRecord'
import { type CallbackLanguage, callbackLanguages, type CallbackTopic, callbackTopics } from './callbackRequest'
import { addDays, type IsoDate, isIsoDate } from '../agencyTime/calendarDates'

/** The share of callbacks completed within their due time that the agency aims for (issue 7). */
export const completedWithinDueTarget = 0.8

/** A request of the period with the time of its first attempt. */
export interface CallbackFigureRow {
  language: CallbackLanguage
  topic: CallbackTopic
  status: CallbackStatus
  createdAt: Date
  dueBy: Date
  closedAt: Date | null
  firstAttemptAt: Date | null
}

/** Agency calendar dates, both included. */
export interface FigurePeriod {
  from: IsoDate
  to: IsoDate
}

export interface CallbackFigures {
  requested: number
  cancelledByParent: number
  /** Still pending and not yet due: too early to judge. */
  notYetDue: number
  /** Requests judged against their due time: the share's denominator. */
  judged: number
  completedWithinDue: number
  /** completedWithinDue / judged; null when nothing was judged. */
  shareCompletedWithinDue: number | null
  meetsTarget: boolean | null
  /** Requests with at least one attempt. */
  attempted: number
  /** From the request to its first attempt, wall-clock minutes. */
  medianMinutesToFirstAttempt: number | null
  /** The same in office time, which nights, weekends and holidays do not inflate. */
  medianBusinessMinutesToFirstAttempt: number | null
}

export interface SupervisorCallbackFigures {
  period: FigurePeriod
  target: number
  overall: CallbackFigures
  byLanguage: Record<CallbackLanguage, CallbackFigures>
  byTopic: Record<CallbackTopic, CallbackFigures>
}

/** The longest period the supervisor's figures cover in one go (about a year). */
export const maxPeriodDays = 400

/** Real agency dates, in order, at most maxPeriodDays apart. */
export function isFigurePeriod(period: FigurePeriod): boolean {
  return (
    isIsoDate(period.from) &&
    isIsoDate(period.to) &&
    period.from <= period.to &&
    Date.parse(period.to) - Date.parse(period.from) <= maxPeriodDays * 86_400_000
  )
}

/** The instants a period of agency dates spans: from its first midnight up to the midnight after its last day. */
export function periodBounds(period: FigurePeriod, calendar: BusinessCalendar): { from: Date; to: Date } {
  if (period.to < period.from) throw new RangeError(`period ends (${period.to}) before it starts (${period.from})`)
  return { from: calendar.instantAt(period.from, 0), to: calendar.instantAt(addDays(period.to, 1), 0) }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const answered = new Set<string>(answeredStatuses)

export function callbackFigures(rows: readonly CallbackFigureRow[], now: Date, calendar: BusinessCalendar): CallbackFigures {
  let cancelledByParent = 0
  let notYetDue = 0
  let judged = 0
  let completedWithinDue = 0
  const minutesToFirst: number[] = []
  const businessMinutesToFirst: number[] = []
  for (const row of rows) {
    if (row.firstAttemptAt) {
      minutesToFirst.push((row.firstAttemptAt.getTime() - row.createdAt.getTime()) / 60_000)
      businessMinutesToFirst.push(calendar.businessMinutesBetween(row.createdAt, row.firstAttemptAt))
    }
    if (row.status === 'cancelled') {
      cancelledByParent++
      if (row.closedAt && row.closedAt <= row.dueBy) continue
    } else if (isPending(row.status) && row.dueBy > now) {
      notYetDue++
      continue
    }
    judged++
    if (answered.has(row.status) && row.closedAt && row.closedAt <= row.dueBy) completedWithinDue++
  }
  const share = judged ? completedWithinDue / judged : null
  return {
    requested: rows.length,
    cancelledByParent,
    notYetDue,
    judged,
    completedWithinDue,
    shareCompletedWithinDue: share,
    meetsTarget: share === null ? null : share >= completedWithinDueTarget,
    attempted: minutesToFirst.length,
    medianMinutesToFirstAttempt: median(minutesToFirst),
    medianBusinessMinutesToFirstAttempt: median(businessMinutesToFirst),
  }
}

/** Figures for requests made in the period, overall and by language and topic (every one listed, even at zero). */
export function supervisorCallbackFigures(
  rows: readonly CallbackFigureRow[],
  args: { period: FigurePeriod; now: Date; calendar: BusinessCalendar },
): SupervisorCallbackFigures {
  const { from, to } = periodBounds(args.period, args.calendar)
  const inPeriod = rows.filter((row) => row.createdAt >= from && row.createdAt < to)
  const figuresOf = (subset: readonly CallbackFigureRow[]) => callbackFigures(subset, args.now, args.calendar)
  return {
    period: args.period,
    target: completedWithinDueTarget,
    overall: figuresOf(inPeriod),
    byLanguage: Object.fromEntries(
      callbackLanguages.map((language) => [language, figuresOf(inPeriod.filter((row) => row.language === language))]),
    ) as Record<CallbackLanguage, CallbackFigures>,
    byTopic: Object.fromEntries(
      callbackTopics.map((topic) => [topic, figuresOf(inPeriod.filter((row) => row.topic === topic))]),
    ) as Record<CallbackTopic, CallbackFigures>,
  }
}
