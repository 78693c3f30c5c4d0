import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { requireSupervisor } from '../staffSession'
import { dashboardController } from './controller'

export function dashboardRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = dashboardController(deps)
  router.get(consolePaths.dashboard, requireSupervisor, controller.show)
  router.get(consolePaths.dashboardCsv, requireSupervisor, controller.csv)
  return router
}
