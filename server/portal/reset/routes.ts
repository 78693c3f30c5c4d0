import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { identifierDigits, limitAttempts, postedField } from '../../middleware/rateLimits'
import { portalPaths } from '../paths'
import { resetController } from './controller'

export function resetRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = resetController(deps)
  router.get(portalPaths.reset, controller.show)
  // The identity facts are throttled by who sends them and by the case number or PAR ID they name; failing them
  // never locks anyone's sign-in (a case number names both parents).
  const limited = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'factsClient', key: req.ip },
    { limit: 'factsIdentifier', key: postedField(req, 'identifier', identifierDigits) },
  ])
  router.post(portalPaths.reset, limited, controller.submit)
  router.get(portalPaths.resetDone, controller.done)
  return router
}
