import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { limitAttempts } from '../../middleware/rateLimits'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { callbacksController } from './controller'

export function callbacksRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = callbacksController(deps)
  const signedIn = requireParent(portalPaths.signIn)
  router.get(portalPaths.callbacks, signedIn, controller.list)
  router.get(portalPaths.requestCallback, signedIn, controller.showRequest)
  const limited = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'callbackClient', key: req.ip },
    { limit: 'callbackAccount', key: req.session.participantId ? String(req.session.participantId) : null },
  ])
  router.post(portalPaths.requestCallback, signedIn, limited, controller.submitRequest)
  router.get(portalPaths.callbacksCancelled, signedIn, controller.cancelled)
  router.get(portalPaths.callbackConfirmation, signedIn, controller.confirmation)
  router.get(portalPaths.cancelCallback, signedIn, controller.showCancel)
  router.post(portalPaths.cancelCallback, signedIn, controller.cancel)
  return router
}
