import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { portalPaths } from '../paths'
import { payController } from './controller'

export function payRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.get(portalPaths.howToPay, payController(deps).howToPay)
  return router
}
