import type { TFunction } from 'i18next'

import { type CallbackFigures, type SupervisorCallbackFigures } from '../../callbacks/supervisorFigures'
import { callbackLanguages, callbackTopics } from '../../callbacks/callbackRequest'
import { type CallFigures, callLanguages, type SupervisorCallFigures } from '../../calls/callFigures'
import type { MessageFigures, SupervisorMessageFigures } from '../../messages/messageFigures'
import { type BarChart, barChart, type ChartSeries } from '../../web/barChart'

// The supervisor's figures as the page shows them: sections that each pair a chart with the table of the same
// figures (the table is the accessible version and what a screen reader reads). Numbers are formatted here, for
// the page's language; the CSV export reads the same figures unformatted.

export interface DashboardFigures {
  calls: SupervisorCallFigures
  callbacks: SupervisorCallbackFigures
  /** Counted as callbacks are: a first answer within the same service level, against the same line. */
  messages: SupervisorMessageFigures
}

export interface FigureTable {
  caption: string
  columns: string[]
  /** The first cell of each row names it (a th with scope="row"); each cell carries its column's name for the stacked phone layout. */
  rows: Array<{ header: { label: string; value: string }; cells: Array<{ label: string; value: string }> }>
}

export function figureTable(caption: string, columns: string[], rows: Array<{ header: string; cells: string[] }>): FigureTable {
  return {
    caption,
    columns,
    rows: rows.map((row) => ({
      header: { label: columns[0]!, value: row.header },
      cells: row.cells.map((value, index) => ({ label: columns[index + 1]!, value })),
    })),
  }
}

export interface FigureSection {
  id: string
  heading: string
  intro: string
  chartDescription: string
  chart: BarChart & { ticks: Array<{ value: number; y: number; label: string }> }
  table: FigureTable
}

export interface Headline {
  label: string
  value: string
  note?: string
}

export interface Formatters {
  t: TFunction
  count(value: number): string
  percent(share: number | null): string
  duration(minutes: number | null): string
  targetStatus(meets: boolean | null): string
}

/** One pair of number formats per language, kept: building them on every request held ICU memory until a collection. */
const numberFormats = {
  en: { counts: new Intl.NumberFormat('en-US'), percents: new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }) },
  es: { counts: new Intl.NumberFormat('es-US'), percents: new Intl.NumberFormat('es-US', { style: 'percent', maximumFractionDigits: 1 }) },
}

export function formattersFor(language: string, t: TFunction): Formatters {
  const { counts, percents } = numberFormats[language === 'es' ? 'es' : 'en']
  return {
    t,
    count: (value) => counts.format(value),
    percent: (share) => (share === null ? t('supervisor:figures.none') : percents.format(share)),
    duration: (minutes) => {
      if (minutes === null) return t('supervisor:figures.none')
      const whole = Math.round(minutes)
      if (whole < 60) return t('supervisor:duration.minutes', { minutes: counts.format(whole) })
      return t('supervisor:duration.hoursMinutes', { hours: counts.format(Math.floor(whole / 60)), minutes: counts.format(whole % 60) })
    },
    targetStatus: (meets) => t(meets === null ? 'supervisor:target.notJudged' : meets ? 'supervisor:target.met' : 'supervisor:target.notMet'),
  }
}

/** The figures a supervisor reads first, for the whole period. */
export function headlines(figures: DashboardFigures, f: Formatters): Headline[] {
  const { t } = f
  const calls = figures.calls.overall
  const callbacks = figures.callbacks.overall
  return [
    { label: t('supervisor:headline.calls'), value: f.count(calls.calls), note: t('supervisor:headline.callsInProgress', { count: calls.inProgress }) },
    {
      label: t('supervisor:headline.resolvedByPhone'),
      value: f.percent(calls.shareResolvedByPhone),
      note: `${t('supervisor:target.of', { target: f.percent(figures.calls.target) })} ${f.targetStatus(calls.meetsTarget)}`,
    },
    { label: t('supervisor:headline.callbacksRequested'), value: f.count(callbacks.requested) },
    {
      label: t('supervisor:headline.completedWithinDue'),
      value: f.percent(callbacks.shareCompletedWithinDue),
      note: `${t('supervisor:target.of', { target: f.percent(figures.callbacks.target) })} ${f.targetStatus(callbacks.meetsTarget)}`,
    },
    { label: t('supervisor:headline.messagesReceived'), value: f.count(figures.messages.overall.received) },
    {
      label: t('supervisor:headline.answeredWithinDue'),
      value: f.percent(figures.messages.overall.shareAnsweredWithinDue),
      note: `${t('supervisor:target.of', { target: f.percent(figures.messages.target) })} ${f.targetStatus(figures.messages.overall.meetsTarget)}`,
    },
    {
      label: t('supervisor:headline.medianFirstAttempt'),
      value: f.duration(callbacks.medianBusinessMinutesToFirstAttempt),
      note: t('supervisor:headline.wallClock', { duration: f.duration(callbacks.medianMinutesToFirstAttempt) }),
    },
  ]
}

interface Category<T> {
  /** Short, for the chart's axis. */
  axisLabel: string
  /** Full, for the table. */
  label: string
  figures: T
}

function percentTicks(chart: BarChart, f: Formatters) {
  return { ...chart, ticks: chart.ticks.map((tick) => ({ ...tick, label: f.percent(tick.value / 100) })) }
}

function hourTicks(chart: BarChart, f: Formatters) {
  return { ...chart, ticks: chart.ticks.map((tick) => ({ ...tick, label: f.t('supervisor:duration.hoursShort', { hours: f.count(tick.value) }) })) }
}

const asPercent = (share: number | null) => (share === null ? 0 : share * 100)
const asHours = (minutes: number | null) => (minutes === null ? 0 : minutes / 60)

function callSection(categories: Array<Category<CallFigures>>, target: number, f: Formatters): FigureSection {
  const { t } = f
  const series: ChartSeries[] = [
    { className: 'chart-bar--share', label: t('supervisor:calls.series'), values: categories.map((c) => asPercent(c.figures.shareResolvedByPhone)) },
  ]
  const targetLabel = t('supervisor:target.of', { target: f.percent(target) })
  return {
    id: 'calls-by-language',
    heading: t('supervisor:calls.heading'),
    intro: t('supervisor:calls.intro'),
    chartDescription: t('supervisor:calls.chartDescription', { target: f.percent(target) }),
    chart: percentTicks(barChart(categories.map((c) => c.axisLabel), series, { top: 100, reference: { value: target * 100, label: targetLabel } }), f),
    table: figureTable(
      t('supervisor:calls.caption'),
      ['language', 'calls', 'inProgress', 'ended', 'resolvedByPhone', 'callbackRequested', 'transferred', 'abandoned', 'share', 'target'].map((c) =>
        t(`supervisor:calls.columns.${c}`),
      ),
      categories.map(({ label, figures: c }) => ({
        header: label,
        cells: [
          f.count(c.calls), f.count(c.inProgress), f.count(c.ended), f.count(c.resolvedByPhone), f.count(c.callbackRequested),
          f.count(c.transferred), f.count(c.abandoned), f.percent(c.shareResolvedByPhone), f.targetStatus(c.meetsTarget),
        ],
      })),
    ),
  }
}

function withinDueSection(id: string, by: 'language' | 'topic', categories: Array<Category<CallbackFigures>>, target: number, f: Formatters): FigureSection {
  const { t } = f
  const series: ChartSeries[] = [
    { className: 'chart-bar--share', label: t('supervisor:withinDue.series'), values: categories.map((c) => asPercent(c.figures.shareCompletedWithinDue)) },
  ]
  return {
    id,
    heading: t(`supervisor:withinDue.heading.${by}`),
    intro: t('supervisor:withinDue.intro'),
    chartDescription: t('supervisor:withinDue.chartDescription', { target: f.percent(target) }),
    chart: percentTicks(
      barChart(categories.map((c) => c.axisLabel), series, { top: 100, reference: { value: target * 100, label: t('supervisor:target.of', { target: f.percent(target) }) } }),
      f,
    ),
    table: figureTable(
      t(`supervisor:withinDue.caption.${by}`),
      [`by.${by}`, 'requested', 'cancelledByParent', 'notYetDue', 'judged', 'completedWithinDue', 'share', 'target'].map((c) =>
        t(`supervisor:withinDue.columns.${c}`),
      ),
      categories.map(({ label, figures: c }) => ({
        header: label,
        cells: [
          f.count(c.requested), f.count(c.cancelledByParent), f.count(c.notYetDue), f.count(c.judged), f.count(c.completedWithinDue),
          f.percent(c.shareCompletedWithinDue), f.targetStatus(c.meetsTarget),
        ],
      })),
    ),
  }
}

function firstAttemptSection(id: string, by: 'language' | 'topic', categories: Array<Category<CallbackFigures>>, f: Formatters): FigureSection {
  const { t } = f
  const series: ChartSeries[] = [
    { className: 'chart-bar--median-office', label: t('supervisor:firstAttempt.officeSeries'), values: categories.map((c) => asHours(c.figures.medianBusinessMinutesToFirstAttempt)) },
    { className: 'chart-bar--median-wall', label: t('supervisor:firstAttempt.wallSeries'), values: categories.map((c) => asHours(c.figures.medianMinutesToFirstAttempt)) },
  ]
  return {
    id,
    heading: t(`supervisor:firstAttempt.heading.${by}`),
    intro: t('supervisor:firstAttempt.intro'),
    chartDescription: t('supervisor:firstAttempt.chartDescription'),
    chart: hourTicks(barChart(categories.map((c) => c.axisLabel), series), f),
    table: figureTable(
      t(`supervisor:firstAttempt.caption.${by}`),
      [`by.${by}`, 'attempted', 'office', 'wall'].map((c) => t(`supervisor:firstAttempt.columns.${c}`)),
      categories.map(({ label, figures: c }) => ({
        header: label,
        cells: [f.count(c.attempted), f.duration(c.medianBusinessMinutesToFirstAttempt), f.duration(c.medianMinutesToFirstAttempt)],
      })),
    ),
  }
}

function messagesWithinDueSection(by: 'language' | 'topic', categories: Array<Category<MessageFigures>>, target: number, f: Formatters): FigureSection {
  const { t } = f
  const series: ChartSeries[] = [
    { className: 'chart-bar--share', label: t('supervisor:messagesWithinDue.series'), values: categories.map((c) => asPercent(c.figures.shareAnsweredWithinDue)) },
  ]
  return {
    id: `messages-within-due-by-${by}`,
    heading: t(`supervisor:messagesWithinDue.heading.${by}`),
    intro: t('supervisor:messagesWithinDue.intro'),
    chartDescription: t('supervisor:messagesWithinDue.chartDescription', { target: f.percent(target) }),
    chart: percentTicks(
      barChart(categories.map((c) => c.axisLabel), series, { top: 100, reference: { value: target * 100, label: t('supervisor:target.of', { target: f.percent(target) }) } }),
      f,
    ),
    table: figureTable(
      t(`supervisor:messagesWithinDue.caption.${by}`),
      [`by.${by}`, 'received', 'notYetDue', 'judged', 'answeredWithinDue', 'share', 'target', 'medianOffice'].map((c) => t(`supervisor:messagesWithinDue.columns.${c}`)),
      categories.map(({ label, figures: c }) => ({
        header: label,
        cells: [
          f.count(c.received), f.count(c.notYetDue), f.count(c.judged), f.count(c.answeredWithinDue), f.percent(c.shareAnsweredWithinDue),
          f.targetStatus(c.meetsTarget), f.duration(c.medianBusinessMinutesToFirstAnswer),
        ],
      })),
    ),
  }
}

/** Every breakdown lists all its categories, even at zero, and ends with the whole period's row. */
export function dashboardSections(figures: DashboardFigures, f: Formatters): FigureSection[] {
  const { t } = f
  const all = { axisLabel: t('supervisor:categories.all'), label: t('supervisor:categories.all') }
  const languageLabel = (language: string) => ({ axisLabel: t(`supervisor:categories.language.${language}`), label: t(`supervisor:categories.language.${language}`) })
  const callCategories = [...callLanguages.map((l) => ({ ...languageLabel(l), figures: figures.calls.byLanguage[l] })), { ...all, figures: figures.calls.overall }]
  const byLanguage = [...callbackLanguages.map((l) => ({ ...languageLabel(l), figures: figures.callbacks.byLanguage[l] })), { ...all, figures: figures.callbacks.overall }]
  const byTopic = [
    ...callbackTopics.map((topic) => ({ axisLabel: t(`supervisor:categories.topicShort.${topic}`), label: t(`callbacks:topics.${topic}`), figures: figures.callbacks.byTopic[topic] })),
    { ...all, figures: figures.callbacks.overall },
  ]
  const messagesByLanguage = [...callbackLanguages.map((l) => ({ ...languageLabel(l), figures: figures.messages.byLanguage[l] })), { ...all, figures: figures.messages.overall }]
  const messagesByTopic = [
    ...callbackTopics.map((topic) => ({ axisLabel: t(`supervisor:categories.topicShort.${topic}`), label: t(`callbacks:topics.${topic}`), figures: figures.messages.byTopic[topic] })),
    { ...all, figures: figures.messages.overall },
  ]
  return [
    callSection(callCategories, figures.calls.target, f),
    withinDueSection('within-due-by-language', 'language', byLanguage, figures.callbacks.target, f),
    withinDueSection('within-due-by-topic', 'topic', byTopic, figures.callbacks.target, f),
    firstAttemptSection('first-attempt-by-language', 'language', byLanguage, f),
    firstAttemptSection('first-attempt-by-topic', 'topic', byTopic, f),
    messagesWithinDueSection('language', messagesByLanguage, figures.messages.target, f),
    messagesWithinDueSection('topic', messagesByTopic, figures.messages.target, f),
  ]
}
