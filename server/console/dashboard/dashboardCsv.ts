import type { TFunction } from 'i18next'

import { callbackLanguages, callbackTopics } from '../../callbacks/callbackRequest'
import type { CallbackFigures } from '../../callbacks/supervisorFigures'
import { type CallFigures, callLanguages } from '../../calls/callFigures'
import type { MessageFigures } from '../../messages/messageFigures'
import { csvDocument } from '../../web/csv'
import type { DashboardFigures } from './dashboardSections'

// The dashboard's figures for a spreadsheet, one figure a row (period, figure, breakdown, group, value), so every
// breakdown fits one shape and a pivot table can rebuild any of the page's tables. Words are in the supervisor's
// language; numbers are left unformatted: counts as integers, shares as fractions (0.75), times in minutes.

const callMeasures = ['calls', 'inProgress', 'ended', 'resolvedByPhone', 'callbackRequested', 'transferred', 'abandoned', 'shareResolvedByPhone'] as const
const callbackMeasures = [
  'requested', 'cancelledByParent', 'notYetDue', 'judged', 'completedWithinDue', 'shareCompletedWithinDue', 'attempted',
  'medianBusinessMinutesToFirstAttempt', 'medianMinutesToFirstAttempt',
] as const satisfies ReadonlyArray<keyof CallbackFigures>
const messageMeasures = [
  'received', 'notYetDue', 'judged', 'answeredWithinDue', 'shareAnsweredWithinDue', 'answered',
  'medianBusinessMinutesToFirstAnswer', 'medianMinutesToFirstAnswer',
] as const satisfies ReadonlyArray<keyof MessageFigures>

/** Plain decimal, no grouping, at most four places, empty when there is no figure. */
export function csvNumber(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 10_000) / 10_000)
}

export function dashboardCsv(figures: DashboardFigures, t: TFunction): string {
  const { from, to } = figures.calls.period
  const rows: string[][] = [['from', 'to', 'figure', 'breakdown', 'group', 'value'].map((column) => t(`supervisor:csv.columns.${column}`))]
  const add = (figure: string, breakdown: 'all' | 'language' | 'topic', group: string, value: number | null) =>
    rows.push([from, to, t(`supervisor:csv.figures.${figure}`), t(`supervisor:csv.breakdown.${breakdown}`), group, csvNumber(value)])
  const all = t('supervisor:categories.all')
  const languageName = (language: string) => t(`supervisor:categories.language.${language}`)

  const calls = (group: string, breakdown: 'all' | 'language', c: CallFigures) => callMeasures.forEach((m) => add(m, breakdown, group, c[m]))
  add('targetResolvedByPhone', 'all', all, figures.calls.target)
  calls(all, 'all', figures.calls.overall)
  callLanguages.forEach((language) => calls(languageName(language), 'language', figures.calls.byLanguage[language]))

  const callbacks = (group: string, breakdown: 'all' | 'language' | 'topic', c: CallbackFigures) => callbackMeasures.forEach((m) => add(m, breakdown, group, c[m]))
  add('targetCompletedWithinDue', 'all', all, figures.callbacks.target)
  callbacks(all, 'all', figures.callbacks.overall)
  callbackLanguages.forEach((language) => callbacks(languageName(language), 'language', figures.callbacks.byLanguage[language]))
  callbackTopics.forEach((topic) => callbacks(t(`callbacks:topics.${topic}`), 'topic', figures.callbacks.byTopic[topic]))

  const messages = (group: string, breakdown: 'all' | 'language' | 'topic', m: MessageFigures) =>
    messageMeasures.forEach((measure) => add(`messages.${measure}`, breakdown, group, m[measure]))
  add('messages.targetAnsweredWithinDue', 'all', all, figures.messages.target)
  messages(all, 'all', figures.messages.overall)
  callbackLanguages.forEach((language) => messages(languageName(language), 'language', figures.messages.byLanguage[language]))
  callbackTopics.forEach((topic) => messages(t(`callbacks:topics.${topic}`), 'topic', figures.messages.byTopic[topic]))
  return csvDocument(rows)
}
