import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { payoffCalculatorController } from './controller'

export function payoffCalculatorRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = payoffCalculatorController(deps)
  router.get(portalPaths.payoffCalculator, controller.calculate)
  router.get(portalPaths.casePayoffCalculator, requireParent(portalPaths.signIn), controller.calculateForCase)
  return router
}
