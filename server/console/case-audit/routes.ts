import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { requireSupervisor } from '../staffSession'
import { caseAuditController } from './controller'

export function caseAuditRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.get(consolePaths.caseAudit, requireSupervisor, caseAuditController(deps).show)
  return router
}
