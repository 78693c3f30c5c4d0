import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { normalizeUsername } from '../../identity/credentialRules'
import { limitAttempts, postedField } from '../../middleware/rateLimits'
import { consolePaths } from '../paths'
import { staffSignInController } from './controller'

export function staffSignInRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = staffSignInController(deps)
  router.get(consolePaths.home, controller.home)
  router.get(consolePaths.signIn, controller.show)
  const limited = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'consoleClient', key: req.ip },
    { limit: 'consoleAccount', key: postedField(req, 'username', normalizeUsername) },
  ])
  router.post(consolePaths.signIn, limited, controller.submit)
  router.post(consolePaths.signOut, controller.signOut)
  router.get(consolePaths.sessionEnded, controller.sessionEnded)
  router.get(consolePaths.sessionStatus, controller.status)
  router.post(consolePaths.staySignedIn, controller.staySignedIn)
  return router
}
