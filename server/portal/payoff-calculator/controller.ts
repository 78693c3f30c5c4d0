import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import type { PayoffSchedule } from '../../cases/rules/payoffSchedule'
import { NotFoundError } from '../../errors'
import { principalOf } from '../../middleware/requireParent'
import { caseIdOf } from '../../routeParams'
import { keptValues, renderForm, validateForm } from '../../web/forms'
import { planFields, planSchema, publicCalculatorSchema, publicFields } from './validation'

// The arrears payoff calculator, as the state offers it: in public from figures the person types, and for a paying
// parent filled in from their own case. It changes nothing, so it is a GET form: results can be bookmarked, and
// there is nothing for a forged request to do (hence no CSRF token).

const view = 'payoff-calculator/calculator'

/** A question was asked once any field of the form is in the query string. */
const asked = (req: Request, fields: readonly string[]) => fields.some((field) => field in (req.query as object))

export function payoffCalculatorController({ services }: AppDependencies) {
  return {
    calculate(req: Request, res: Response) {
      const page = { pageTitle: req.t('portal:calculator.title'), values: keptValues(req.query), fieldOrder: publicFields }
      if (!asked(req, publicFields)) return renderForm(res, view, { ...page, values: { rate: '10', plan: 'payment' } })
      const form = validateForm(publicCalculatorSchema, req.query)
      if (!form.ok) return renderForm(res, view, { ...page, errors: form.errors })
      const schedule = services.cases.calculatePayoff({
        principalCents: form.data.principal,
        interestBalanceCents: form.data.interest,
        annualRateBasisPoints: form.data.rate,
        plan: form.data.plan,
      })
      renderForm(res, view, { ...page, result: resultView(schedule) })
    },

    async calculateForCase(req: Request, res: Response) {
      const principal = principalOf(req)
      const caseId = caseIdOf(req)
      const summary = await services.cases.getCaseSummary(principal, caseId, 'web')
      // Only the paying parent owes the arrears; for the receiving side there is no such page.
      if (summary.viewer === 'receiving') throw new NotFoundError()
      const page = {
        pageTitle: req.t('portal:calculator.caseTitle'),
        values: keptValues(req.query),
        fieldOrder: planFields,
        summary,
        onCase: true,
        arrearsCents: summary.balances.familyArrearsCents + summary.balances.stateArrearsCents,
        interestPercent: summary.interestRate.basisPoints / 100,
      }
      if (!asked(req, planFields)) return renderForm(res, view, { ...page, values: { plan: 'payment' } })
      const form = validateForm(planSchema, req.query)
      if (!form.ok) return renderForm(res, view, { ...page, errors: form.errors })
      const payoff = await services.cases.getPayoffSchedule(principal, caseId, form.data, 'web')
      renderForm(res, view, { ...page, result: resultView(payoff.schedule), firstMonth: payoff.firstMonth })
    },
  }
}

/** What the results section needs, with the outcome spelled out for the template. */
function resultView(schedule: PayoffSchedule) {
  return {
    ...schedule,
    paysOff: schedule.outcome === 'pays_off',
    neverPaysOff: schedule.outcome === 'never_pays_off',
    exceedsCap: schedule.outcome === 'exceeds_cap',
    nothingOwed: schedule.outcome === 'nothing_owed',
  }
}
