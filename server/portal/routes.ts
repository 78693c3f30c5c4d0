import { Router } from 'express'

import type { AppDependencies } from '../app'
import { mapDomainErrors } from '../middleware/domainErrors'
import { enforceSessionLimits } from '../middleware/parentSession'
import { activateRoutes } from './activate/routes'
import { alertsRoutes } from './alerts/routes'
import { callbacksRoutes } from './callbacks/routes'
import { changesRoutes } from './changes/routes'
import { caseRoutes } from './case/routes'
import { dashboardRoutes } from './dashboard/routes'
import { detailsRoutes } from './details/routes'
import { documentsRoutes } from './documents/routes'
import { messagesRoutes } from './messages/routes'
import { payRoutes } from './pay/routes'
import { paymentsRoutes } from './payments/routes'
import { portalPaths } from './paths'
import { payoffCalculatorRoutes } from './payoff-calculator/routes'
import { publicRoutes } from './public/routes'
import { resetRoutes } from './reset/routes'
import { signInRoutes } from './sign-in/routes'
import { statementsRoutes } from './statements/routes'

// The parent portal: the session limits first (so an expired session is ended before any page reads it), then
// the public pages, then the journeys behind sign-in, and last the domain's errors turned into HTTP ones.
export function portalRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.use(enforceSessionLimits(deps.clock, portalPaths))
  router.use(publicRoutes(deps))
  router.use(payRoutes(deps))
  router.use(payoffCalculatorRoutes(deps))
  router.use(signInRoutes(deps))
  router.use(activateRoutes(deps))
  router.use(resetRoutes(deps))
  router.use(dashboardRoutes(deps))
  router.use(caseRoutes(deps))
  router.use(paymentsRoutes(deps))
  router.use(statementsRoutes(deps))
  router.use(callbacksRoutes(deps))
  router.use(detailsRoutes(deps))
  router.use(messagesRoutes(deps))
  router.use(changesRoutes(deps))
  router.use(alertsRoutes(deps))
  router.use(documentsRoutes(deps))
  router.use(mapDomainErrors)
  return router
}
