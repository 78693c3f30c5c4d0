import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { portalPaths } from '../paths'
import { resetController } from './controller'

export function resetRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = resetController(deps)
  router.get(portalPaths.reset, controller.show)
  router.post(portalPaths.reset, controller.submit)
  router.get(portalPaths.resetDone, controller.done)
  return router
}
