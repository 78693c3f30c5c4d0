import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { requireStaff } from '../staffSession'
import { staffCasesController } from './controller'

export function staffCasesRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = staffCasesController(deps)
  router.get(consolePaths.caseSearch, requireStaff, controller.search)
  router.get(consolePaths.casePage, requireStaff, controller.show)
  return router
}
