import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { principalOf } from '../../middleware/requireParent'
import { caseIdOf } from '../../routeParams'

// One case: the balance by bucket, the order, the last payment, enforcement and the path to release, next steps.
export function caseController({ services }: AppDependencies) {
  return {
    async show(req: Request, res: Response) {
      const principal = principalOf(req)
      const caseId = caseIdOf(req)
      // The summary first: it is the access check, so nothing else is read for a case that is not theirs.
      const summary = await services.cases.getCaseSummary(principal, caseId, 'web')
      const [enforcement, nextSteps] = await Promise.all([
        services.cases.getEnforcement(principal, caseId, 'web'),
        services.cases.getNextSteps(principal, caseId, 'web'),
      ])
      const paying = summary.viewer === 'paying'
      const arrearsCents = summary.balances.familyArrearsCents + summary.balances.stateArrearsCents + summary.balances.interestCents
      res.render('case/case', {
        pageTitle: req.t('portal:case.title', { number: summary.caseNumber }),
        summary,
        enforcement,
        nextSteps: nextSteps.steps,
        paying,
        showsPayoff: paying && arrearsCents > 0,
        interestPercent: summary.interestRate.basisPoints / 100,
      })
    },
  }
}
