import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { principalOf } from '../../middleware/requireParent'

// Every case of the signed-in parent at a glance: role, what is owed, what comes next, anything urgent, and the
// callback requests still waiting.
export function dashboardController({ services }: AppDependencies) {
  return {
    async show(req: Request, res: Response) {
      const principal = principalOf(req)
      const cases = await services.cases.listCaseSummaries(principal, 'web')
      res.render('dashboard/dashboard', {
        pageTitle: req.t('portal:dashboard.title'),
        cases,
        // How to pay is for a parent who pays on some case; one who only receives has nothing to pay (issue 12).
        paysOnAnyCase: cases.some((summary) => summary.viewer === 'paying'),
        callbacks: await services.callbacks.findOpenForParent(principal.participantId),
        unreadReplies: await services.messages.unreadReplies(principal.participantId),
        // Attempts on this account with wrong identity facts, shown at the next sign-in (texts and emails come with
        // the outbox).
        securityNotices: await services.identity.securityNotices(principal.participantId, req.session.signedInAt ?? ''),
      })
    },
  }
}
