import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { portalPaths } from '../paths'
import { publicController } from './controller'

// Pages anyone can read without signing in.
export function publicRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = publicController(deps)
  router.get(portalPaths.home, controller.home)
  router.get(portalPaths.whatWeDo, controller.whatWeDo)
  router.get(portalPaths.officeHours, controller.contact)
  router.get(portalPaths.howToApply, controller.howToApply)
  router.get(portalPaths.accessibility, controller.accessibility)
  router.get(portalPaths.privacy, controller.privacy)
  return router
}
