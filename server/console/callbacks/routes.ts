import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { requireStaff } from '../staffSession'
import { callbackController } from './controller'

export function callbackRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = callbackController(deps)
  router.get(consolePaths.callback, requireStaff, controller.show)
  router.post(consolePaths.claim, requireStaff, controller.claim)
  router.post(consolePaths.release, requireStaff, controller.release)
  router.post(consolePaths.attempt, requireStaff, controller.recordAttempt)
  return router
}
