import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { statementsController } from './controller'

export function statementsRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.get(portalPaths.statements, requireParent(portalPaths.signIn), statementsController(deps).show)
  return router
}
