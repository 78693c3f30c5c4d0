import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { portalPaths } from '../paths'
import { activateController } from './controller'

export function activateRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = activateController(deps)
  router.get(portalPaths.activate, controller.show)
  router.post(portalPaths.activate, controller.submit)
  router.get(portalPaths.activated, controller.done)
  return router
}
