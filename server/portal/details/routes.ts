import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { detailsController } from './controller'

export function detailsRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = detailsController(deps)
  const signedIn = requireParent(portalPaths.signIn)
  router.get(portalPaths.details, signedIn, controller.show)
  router.post(portalPaths.details, signedIn, controller.submit)
  router.get(portalPaths.detailsSaved, signedIn, controller.saved)
  return router
}
