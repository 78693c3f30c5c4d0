import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { limitAttempts, postedField } from '../../middleware/rateLimits'
import { normalizeUsername } from '../../identity/credentialRules'
import { portalPaths } from '../paths'
import { signInController } from './controller'

export function signInRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = signInController(deps)
  router.get(portalPaths.signIn, controller.show)
  const limited = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'signInClient', key: req.ip },
    { limit: 'signInAccount', key: postedField(req, 'username', normalizeUsername) },
  ])
  router.post(portalPaths.signIn, limited, controller.submit)
  router.post(portalPaths.signOut, controller.signOut)
  router.get(portalPaths.sessionEnded, controller.sessionEnded)
  router.get(portalPaths.sessionStatus, controller.status)
  router.post(portalPaths.staySignedIn, controller.staySignedIn)
  return router
}
