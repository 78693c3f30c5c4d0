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
      // One reading of the case (its access check, its ledger replayed once, one audit row) for the whole page.
      const { summary, enforcement, nextSteps } = await services.cases.getCaseView(principal, caseId, 'web')
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
