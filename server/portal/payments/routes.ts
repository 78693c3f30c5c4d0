import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { paymentsController } from './controller'

export function paymentsRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = paymentsController(deps)
  const signedIn = requireParent(portalPaths.signIn)
  router.get(portalPaths.paymentsCsv, signedIn, controller.csv)
  router.get(portalPaths.payments, signedIn, controller.list)
  router.get(portalPaths.paymentExplanation, signedIn, controller.explain)
  return router
}
