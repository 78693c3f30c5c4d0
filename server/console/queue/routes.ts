import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { requireStaff } from '../staffSession'
import { queueController } from './controller'

export function queueRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = queueController(deps)
  router.get(consolePaths.queue, requireStaff, controller.list)
  router.post(consolePaths.claimNext, requireStaff, controller.claimNext)
  return router
}
