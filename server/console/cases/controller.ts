import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { groupedConfirmationCode } from '../../callbacks/confirmationCode'
import { renderForm } from '../../web/forms'
import { caseIdOf } from '../../routeParams'
import { staffPrincipalOf } from '../staffSession'

// Finding a case and reading it as the agency does. Every case a search turns up, and every case opened, is in
// that case's audit trail (the directory and the case-inquiry service record it, not this controller).

export function staffCasesController({ services }: AppDependencies) {
  return {
    async search(req: Request, res: Response) {
      const query = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : ''
      const page = { pageTitle: req.t('console:caseSearch.title'), values: { q: query } }
      // An empty form, as first opened, is not an error; an empty search is.
      if (req.query.q === undefined) return renderForm(res, 'console/cases/search', page)
      const result = await services.staffDirectory.searchCases(staffPrincipalOf(req), query)
      if (!result.ok) return renderForm(res, 'console/cases/search', { ...page, errors: { q: result.messageKey } })
      renderForm(res, 'console/cases/search', { ...page, searched: true, cases: result.cases })
    },

    async show(req: Request, res: Response) {
      const principal = staffPrincipalOf(req)
      const caseId = caseIdOf(req)
      // The case view first: it is the access check and the audited read, so nothing else is read for a missing case.
      const { summary, enforcement, nextSteps } = await services.cases.getCaseView(principal, caseId, 'console')
      const [parties, callbacks] = await Promise.all([
        services.staffDirectory.caseParties(principal, caseId),
        services.callbacks.listForCase(caseId),
      ])
      res.render('console/cases/case', {
        pageTitle: req.t('console:case.title', { number: summary.caseNumber }),
        summary,
        enforcement,
        nextSteps: nextSteps.steps,
        parties: parties.parties,
        childrenCount: parties.childrenCount,
        familyViolence: parties.parties.some((p) => p.familyViolence),
        callbacks: callbacks.map((c) => ({
          id: c.id,
          code: groupedConfirmationCode(c.confirmationCode),
          topic: c.topic,
          status: c.status,
          channel: c.channel,
          createdAt: c.createdAt.toISOString(),
        })),
      })
    },
  }
}
