// The supervisor's message figures for a period, computed from plain rows so that a hand-built set checks them, and
// counted as callbacks are (callbacks/supervisorFigures.ts): against the same promise (a first answer within three
// business days on the agency calendar, 22 CCR 111544) and the same 80% line.
//
// A thread's promise is kept when the agency's first reply came at or before the due time its first message set;
// a thread the parent wrote on again after an answer opens with a new due time for the parent's sake, but it is the
// first answer that the figure judges. Left out of the share, because the agency cannot yet have missed them:
// threads still unanswered whose due time has not come.
import type { BusinessCalendar } from '../callbacks/businessCalendar'
import { type CallbackLanguage, callbackLanguages, type CallbackTopic, callbackTopics } from '../callbacks/callbackRequest'
import type { ServiceLevel } from '../callbacks/serviceLevel'
import { completedWithinDueTarget, type FigurePeriod, median, periodBounds } from '../callbacks/supervisorFigures'
import type { MessageFigureRow } from './messageRepository'

export interface MessageFigures {
  received: number
  /** Not answered yet and not yet due: too early to judge. */
  notYetDue: number
  /** Threads judged against their due time: the share's denominator. */
  judged: number
  answeredWithinDue: number
  /** answeredWithinDue / judged; null when nothing was judged. */
  shareAnsweredWithinDue: number | null
  meetsTarget: boolean | null
  /** Threads with a first answer. */
  answered: number
  /** From the first message to the first answer, wall-clock minutes. */
  medianMinutesToFirstAnswer: number | null
  /** The same in office time. */
  medianBusinessMinutesToFirstAnswer: number | null
}

export interface SupervisorMessageFigures {
  period: FigurePeriod
  target: number
  overall: MessageFigures
  byLanguage: Record<CallbackLanguage, MessageFigures>
  byTopic: Record<CallbackTopic, MessageFigures>
}

export function messageFigures(rows: readonly MessageFigureRow[], now: Date, serviceLevel: ServiceLevel, calendar: BusinessCalendar): MessageFigures {
  let notYetDue = 0
  let judged = 0
  let answeredWithinDue = 0
  const minutesToFirst: number[] = []
  const businessMinutesToFirst: number[] = []
  for (const row of rows) {
    const dueBy = serviceLevel.latestDueBy(row.createdAt)
    if (row.firstAnsweredAt) {
      minutesToFirst.push((row.firstAnsweredAt.getTime() - row.createdAt.getTime()) / 60_000)
      businessMinutesToFirst.push(calendar.businessMinutesBetween(row.createdAt, row.firstAnsweredAt))
    } else if (dueBy > now) {
      notYetDue++
      continue
    }
    judged++
    if (row.firstAnsweredAt && row.firstAnsweredAt <= dueBy) answeredWithinDue++
  }
  const share = judged ? answeredWithinDue / judged : null
  return {
    received: rows.length,
    notYetDue,
    judged,
    answeredWithinDue,
    shareAnsweredWithinDue: share,
    meetsTarget: share === null ? null : share >= completedWithinDueTarget,
    answered: minutesToFirst.length,
    medianMinutesToFirstAnswer: median(minutesToFirst),
    medianBusinessMinutesToFirstAnswer: median(businessMinutesToFirst),
  }
}

/** Figures for threads started in the period, overall and by language and topic (every one listed, even at zero). */
export function supervisorMessageFigures(
  rows: readonly MessageFigureRow[],
  args: { period: FigurePeriod; now: Date; serviceLevel: ServiceLevel; calendar: BusinessCalendar },
): SupervisorMessageFigures {
  const { from, to } = periodBounds(args.period, args.calendar)
  const inPeriod = rows.filter((row) => row.createdAt >= from && row.createdAt < to)
  const figuresOf = (subset: readonly MessageFigureRow[]) => messageFigures(subset, args.now, args.serviceLevel, args.calendar)
  return {
    period: args.period,
    target: completedWithinDueTarget,
    overall: figuresOf(inPeriod),
    byLanguage: Object.fromEntries(
      callbackLanguages.map((language) => [language, figuresOf(inPeriod.filter((row) => row.language === language))]),
    ) as Record<CallbackLanguage, MessageFigures>,
    byTopic: Object.fromEntries(callbackTopics.map((topic) => [topic, figuresOf(inPeriod.filter((row) => row.topic === topic))])) as Record<
      CallbackTopic,
      MessageFigures
    >,
  }
}
