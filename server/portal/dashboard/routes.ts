import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { dashboardController } from './controller'

export function dashboardRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.get(portalPaths.dashboard, requireParent(portalPaths.signIn), dashboardController(deps).show)
  return router
}
