import { type NextFunction, type Request, type Response, Router } from 'express'

import type { AppDependencies } from '../app'
import { mapDomainErrors } from '../middleware/domainErrors'
import { caseAuditRoutes } from './case-audit/routes'
import { dashboardRoutes } from './dashboard/routes'
import { callNowRoutes } from './call-now/routes'
import { callbackRoutes } from './callbacks/routes'
import { messageRoutes } from './messages/routes'
import { staffCasesRoutes } from './cases/routes'
import { showNotice } from './notices'
import { consolePaths } from './paths'
import { queueRoutes } from './queue/routes'
import { staffSignInRoutes } from './sign-in/routes'
import { enforceStaffSessionLimits } from './staffSession'

// The rep and supervisor console under /console: its own layout, the staff session's limits, then each journey.
// Every journey but sign-in guards itself with requireStaff or requireSupervisor.
export function consoleRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.use(consolePaths.home, (_req: Request, res: Response, next: NextFunction) => {
    res.locals.layout = 'console'
    next()
  })
  router.use(consolePaths.home, enforceStaffSessionLimits(deps.clock))
  router.use(consolePaths.home, showNotice)
  router.use(staffSignInRoutes(deps))
  router.use(queueRoutes(deps))
  router.use(callbackRoutes(deps))
  router.use(messageRoutes(deps))
  router.use(staffCasesRoutes(deps))
  router.use(dashboardRoutes(deps))
  router.use(caseAuditRoutes(deps))
  router.use(callNowRoutes(deps))
  router.use(consolePaths.home, mapDomainErrors)
  return router
}
