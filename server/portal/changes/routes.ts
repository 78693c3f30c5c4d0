import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { limitAttempts } from '../../middleware/rateLimits'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { changesController } from './controller'

export function changesRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = changesController(deps)
  const signedIn = requireParent(portalPaths.signIn)
  // A report files work for a representative, as a message does: the same limits.
  const limited = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'callbackClient', key: req.ip },
    { limit: 'callbackAccount', key: req.session.participantId ? String(req.session.participantId) : null },
  ])
  router.get(portalPaths.reportChange, signedIn, controller.index)
  router.get(portalPaths.reportJob, signedIn, controller.form('job'))
  router.post(portalPaths.reportJob, signedIn, limited, controller.submit('job'))
  router.get(portalPaths.reportHousehold, signedIn, controller.form('household'))
  router.post(portalPaths.reportHousehold, signedIn, limited, controller.submit('household'))
  router.get(portalPaths.reportOtherParent, signedIn, controller.form('other_parent'))
  router.post(portalPaths.reportOtherParent, signedIn, limited, controller.submit('other_parent'))
  return router
}
