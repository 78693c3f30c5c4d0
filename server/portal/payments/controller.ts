import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import type { PaymentHistory } from '../../cases/paymentHistory'
import { principalOf } from '../../middleware/requireParent'
import { formatMoney } from '../../templates'
import { caseIdOf, paymentIdOf } from '../../routeParams'
import { renderForm, validateForm } from '../../web/forms'
import type { ChartSeries } from '../../web/barChart'
import { columnChart } from './columnChart'
import { historyCsv } from './historyCsv'
import { historyFilterSchema } from './validation'

const pageSize = 25
const csvPageSize = 500

type Totals = PaymentHistory['months'][number]

export function paymentsController({ services }: AppDependencies) {
  /** Years with entries (newest first) come from the whole history's sums; the range then narrows to the chosen one. */
  async function chosenRange(req: Request, caseId: number, year: string) {
    const everything = await services.cases.getPaymentsOverview(principalOf(req), caseId, 'web')
    const years = everything.years.map((y) => y.year).reverse()
    const chosen = year || String(years[0] ?? 'all')
    const range = chosen === 'all' ? {} : { from: `${chosen}-01-01`, to: `${chosen}-12-31` }
    return { everything, years, chosen, range }
  }

  return {
    async list(req: Request, res: Response) {
      const principal = principalOf(req)
      const caseId = caseIdOf(req)
      const filters = validateForm(historyFilterSchema, req.query)
      const year = filters.ok ? filters.data.year : ''
      const page = filters.ok ? filters.data.page : 1
      // One reading of the case: its number and the viewer's side, every year's sums, the chosen year's page.
      const { overview: everything, chosen, history } = await services.cases.getPaymentsPage(
        principal,
        caseId,
        { year: year === '' ? null : year === 'all' ? 'all' : Number(year), page, pageSize },
        'web',
      )
      const years = everything.years.map((y) => y.year).reverse()
      const summary = everything
      const receiving = summary.viewer !== 'paying'
      const totalsRows = chosen === 'all' ? everything.years.map((y) => ({ key: String(y.year), ...y })) : monthsOf(chosen, history.months)
      const series: ChartSeries[] = [{ className: 'chart-bar--paid', label: req.t('portal:payments.series.paid'), values: totalsRows.map((r) => r.paymentsCents) }]
      if (receiving) {
        series.push({ className: 'chart-bar--sent', label: req.t('portal:payments.series.sent'), values: totalsRows.map((r) => r.disbursementsCents) })
      }
      const categories = totalsRows.map((r) =>
        chosen === 'all' ? { label: r.key, short: `'${r.key.slice(2)}` } : { label: monthName(req.language, r.key, 'short'), short: monthName(req.language, r.key, 'narrow') },
      )
      const chart = columnChart(categories, series)
      // Paging by year: the neighbouring years that have entries, for "earlier" and "later" links after the list.
      const yearIndex = years.map(String).indexOf(chosen)
      const yearPager = yearIndex < 0 ? null : { earlier: years[yearIndex + 1] ?? null, later: years[yearIndex - 1] ?? null }
      renderForm(res, 'payments/payments', {
        pageTitle: req.t('portal:payments.title', { number: summary.caseNumber }),
        errors: filters.ok ? undefined : filters.errors,
        values: { year: chosen },
        summary,
        history,
        receiving,
        chosen,
        yearOptions: [...years.map((y) => ({ value: String(y), label: String(y) })), { value: 'all', label: req.t('portal:payments.allYears') }],
        totalsRows,
        chart: { ...chart, ticks: chart.ticks.map((tick) => ({ ...tick, label: formatMoney(req.language, tick.value).replace(/\.00$/, '') })) },
        pages: pagination(history.page, history.totalPages),
        yearPager: yearPager && (yearPager.earlier || yearPager.later) ? yearPager : null,
        csvQuery: `year=${encodeURIComponent(chosen)}`,
      })
    },

    async csv(req: Request, res: Response) {
      const principal = principalOf(req)
      const caseId = caseIdOf(req)
      const filters = validateForm(historyFilterSchema, req.query)
      if (!filters.ok) return res.status(400).type('text/plain').send(req.t(Object.values(filters.errors)[0] as string))
      const { everything: summary, chosen, range } = await chosenRange(req, caseId, filters.data.year)
      const items: PaymentHistory['items'] = []
      for (let page = 1; ; page++) {
        const history = await services.cases.getPaymentHistory(principal, caseId, { ...range, page, pageSize: csvPageSize }, 'web')
        items.push(...history.items)
        if (page >= history.totalPages) break
      }
      res
        .type('text/csv; charset=utf-8')
        .attachment(`payments-${summary.caseNumberLast4}-${chosen}.csv`)
        .send(historyCsv(items, req.t))
    },

    async explain(req: Request, res: Response) {
      const principal = principalOf(req)
      const caseId = caseIdOf(req)
      const { summary, explanation } = await services.cases.getPaymentExplanationView(principal, caseId, paymentIdOf(req), 'web')
      res.render('payments/explanation', {
        pageTitle: req.t('portal:explain.title'),
        summary,
        explanation,
      })
    },
  }
}

/** Twelve months of a year, zero where nothing was posted, so the chart's bars line up with the calendar. */
function monthsOf(year: string, months: Totals[]): Array<Totals & { key: string }> {
  return Array.from({ length: 12 }, (_, index) => {
    const key = `${year}-${String(index + 1).padStart(2, '0')}`
    const found = months.find((m) => m.month === key)
    return { paymentsCents: 0, paymentCount: 0, disbursementsCents: 0, disbursementCount: 0, feesCents: 0, month: key, ...found, key }
  })
}

// One formatter per language and width, kept: a new Intl.DateTimeFormat per label, on every request, held ICU memory
// that V8 undercounts, so it piled up until a full collection (RSS over 400 MiB; BENCHMARKS.md, fix 10).
const monthFormats = new Map<string, Intl.DateTimeFormat>()

function monthName(language: string, yearMonth: string, month: 'short' | 'narrow'): string {
  const locale = language === 'es' ? 'es-US' : 'en-US'
  let format = monthFormats.get(`${locale}:${month}`)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' })
    monthFormats.set(`${locale}:${month}`, format)
  }
  return format.format(new Date(`${yearMonth}-15T12:00:00Z`))
}

function pagination(page: number, totalPages: number) {
  if (totalPages <= 1) return null
  return {
    previous: page > 1 ? page - 1 : null,
    next: page < totalPages ? page + 1 : null,
    page,
    totalPages,
  }
}
