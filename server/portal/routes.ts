import { Router } from 'express'

import type { AppDependencies } from '../app'
import { publicRoutes } from './public/routes'

// The parent portal: public pages, then the journeys behind sign-in.
export function portalRoutes(deps: AppDependencies): Router {
  const router = Router()
  router.use(publicRoutes(deps.config))
  return router
}
