import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { caseController } from './controller'

export function caseRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.get(portalPaths.casePage, requireParent(portalPaths.signIn), caseController(deps).show)
  return router
}
