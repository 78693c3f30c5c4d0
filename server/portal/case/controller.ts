import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { principalOf } from '../../middleware/requireParent'
import { caseIdOf } from '../../routeParams'
import { statementMonths } from '../../statements/statementMonths'
import { statementMonthOptions } from '../statements/monthOptions'

// One case: the balance by bucket, the order, the last payment, enforcement and the path to release, next steps.

/** What the release box (views/partials/caseEnforcement.hbs) says, so the page says it there only (issue 12). */
const releaseAdvice = new Set(['cases:enforcement.own.howToRelease', 'cases:nextSteps.licenseSuspended', 'cases:nextSteps.licenseAtRisk'])
const notReleaseAdvice = (message: { key: string }) => !releaseAdvice.has(message.key)
export function caseController({ services }: AppDependencies) {
  return {
    async show(req: Request, res: Response) {
      const principal = principalOf(req)
      const caseId = caseIdOf(req)
      // One reading of the case (its access check, its ledger replayed once, one audit row) for the whole page.
      const { summary, enforcement, nextSteps } = await services.cases.getCaseView(principal, caseId, 'web')
      const paying = summary.viewer === 'paying'
      const releaseBoxShown = paying && enforcement.driversLicense.release !== null
      const arrearsCents = summary.balances.familyArrearsCents + summary.balances.stateArrearsCents + summary.balances.interestCents
      res.render('case/case', {
        pageTitle: req.t('portal:case.title', { number: summary.caseNumber }),
        summary,
        enforcement: releaseBoxShown ? { ...enforcement, explanations: enforcement.explanations.filter(notReleaseAdvice) } : enforcement,
        nextSteps: releaseBoxShown ? nextSteps.steps.filter(notReleaseAdvice) : nextSteps.steps,
        paying,
        showsPayoff: paying && arrearsCents > 0,
        interestPercent: summary.interestRate.basisPoints / 100,
        statementMonths: statementMonthOptions(req.language, statementMonths(summary.openedOn, summary.asOf)),
      })
    },
  }
}
