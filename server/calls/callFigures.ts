// The supervisor's phone-line figures for a period, computed from plain rows so that a hand-built set checks them.
//
// Which calls count towards the share resolved by the phone line alone (the denominator): every call that started
// in the period and has ended, whatever the ending — resolved by the line, callback requested, transferred to a
// person, or abandoned. An abandoned call stays in: the caller hung up without the answer they came for, and
// leaving those out would flatter the line. Left out: calls still in progress (or whose end Twilio has not yet
// reported), because how they end is not known yet; they are counted separately so the page can say so.
//
// Calls carry no topic (the phone line does not ask one unless a callback is requested), so calls break down by
// language only; callback requests break down by language and topic in server/callbacks/supervisorFigures.ts.
import type { BusinessCalendar } from '../callbacks/businessCalendar'
import { type FigurePeriod, periodBounds } from '../callbacks/supervisorFigures'
import type { CallLanguage, CallOutcome } from './phoneCall'

/** The share of calls the state plan expects the phone line to resolve without a person (issue 7). */
export const resolvedByPhoneTarget = 0.7

export const callLanguages = ['en', 'es'] as const satisfies readonly CallLanguage[]

export interface CallFigureRow {
  language: CallLanguage
  outcome: CallOutcome
  startedAt: Date
}

export interface CallFigures {
  /** Every call that started in the period. */
  calls: number
  /** Not ended yet, or its end not reported: left out of the share. */
  inProgress: number
  /** Ended calls: the share's denominator. */
  ended: number
  resolvedByPhone: number
  callbackRequested: number
  transferred: number
  abandoned: number
  /** resolvedByPhone / ended; null when no call has ended. */
  shareResolvedByPhone: number | null
  meetsTarget: boolean | null
}

export interface SupervisorCallFigures {
  period: FigurePeriod
  target: number
  overall: CallFigures
  byLanguage: Record<CallLanguage, CallFigures>
}

export function callFigures(rows: readonly CallFigureRow[]): CallFigures {
  const count = (outcome: CallOutcome) => rows.filter((row) => row.outcome === outcome).length
  const inProgress = count('in_progress')
  const ended = rows.length - inProgress
  const resolvedByPhone = count('resolved_by_phone')
  const share = ended ? resolvedByPhone / ended : null
  return {
    calls: rows.length,
    inProgress,
    ended,
    resolvedByPhone,
    callbackRequested: count('callback_requested'),
    transferred: count('transferred'),
    abandoned: count('abandoned'),
    shareResolvedByPhone: share,
    meetsTarget: share === null ? null : share >= resolvedByPhoneTarget,
  }
}

/** Figures for calls that started in the period (agency dates, both included), overall and by language. */
export function supervisorCallFigures(
  rows: readonly CallFigureRow[],
  args: { period: FigurePeriod; calendar: BusinessCalendar },
): SupervisorCallFigures {
  const { from, to } = periodBounds(args.period, args.calendar)
  const inPeriod = rows.filter((row) => row.startedAt >= from && row.startedAt < to)
  return {
    period: args.period,
    target: resolvedByPhoneTarget,
    overall: callFigures(inPeriod),
    byLanguage: Object.fromEntries(
      callLanguages.map((language) => [language, callFigures(inPeriod.filter((row) => row.language === language))]),
    ) as Record<CallLanguage, CallFigures>,
  }
}
