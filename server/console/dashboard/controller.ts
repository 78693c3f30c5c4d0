import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { addDays } from '../../agencyTime/calendarDates'
import { agencyToday } from '../../clock'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { periodBounds } from '../../callbacks/supervisorFigures'
import { alertDeliveryTable } from './alertDeliveryTable'
import { dashboardCsv } from './dashboardCsv'
import { type DashboardFigures, dashboardSections, formattersFor, headlines } from './dashboardSections'
import { defaultPeriodDays, type Period, periodAsked, periodFields, periodSchema } from './validation'

type PeriodChoice = { ok: true; period: Period } | { ok: false; errors: FieldErrors }

export function dashboardController({ services, clock }: AppDependencies) {
  /** The period asked for in the query, or the last 30 agency days when none was. */
  function periodOf(req: Request): PeriodChoice {
    if (!periodAsked(req.query)) {
      const today = agencyToday(clock)
      return { ok: true, period: { from: addDays(today, 1 - defaultPeriodDays), to: today } }
    }
    const form = validateForm(periodSchema, req.query)
    return form.ok ? { ok: true, period: form.data } : { ok: false, errors: form.errors }
  }

  async function figuresFor(period: Period): Promise<DashboardFigures> {
    const [calls, callbacks, messages] = await Promise.all([
      services.calls.supervisorFigures(period),
      services.callbacks.supervisorFigures(period),
      services.messages.supervisorFigures(period),
    ])
    return { calls, callbacks, messages }
  }

  return {
    async show(req: Request, res: Response) {
      const choice = periodOf(req)
      const page = { pageTitle: req.t('supervisor:dashboard.title'), fieldOrder: periodFields }
      if (!choice.ok) return renderForm(res, 'console/dashboard/dashboard', { ...page, values: keptValues(req.query), errors: choice.errors })
      const bounds = periodBounds(choice.period, services.callbacks.calendar)
      const [figures, alertFigures] = await Promise.all([figuresFor(choice.period), services.alertOutbox.deliveryFigures(bounds.from, bounds.to)])
      const formatters = formattersFor(req.language, req.t)
      renderForm(res, 'console/dashboard/dashboard', {
        ...page,
        values: choice.period,
        period: choice.period,
        headlines: headlines(figures, formatters),
        sections: dashboardSections(figures, formatters),
        alertDelivery: alertDeliveryTable(alertFigures, formatters),
        csvQuery: new URLSearchParams(choice.period).toString(),
      })
    },

    async csv(req: Request, res: Response) {
      const choice = periodOf(req)
      if (!choice.ok) {
        const first = Object.values(choice.errors)[0]!
        return res.status(400).type('text/plain').send(req.t(typeof first === 'string' ? first : first.key))
      }
      const figures = await figuresFor(choice.period)
      res
        .type('text/csv; charset=utf-8')
        .attachment(`supervisor-figures-${choice.period.from}-to-${choice.period.to}.csv`)
        .send(dashboardCsv(figures, req.t))
    },
  }
}
