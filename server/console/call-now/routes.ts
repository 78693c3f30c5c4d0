import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { requireStaff } from '../staffSession'
import { callNowController } from './controller'

export function callNowRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = callNowController(deps)
  router.post(consolePaths.callNow, requireStaff, controller.placeCall)
  return router
}
