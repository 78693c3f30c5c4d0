import { Router } from 'express'

import type { AppDependencies } from '../app'

// The rep and supervisor console, mounted at /console.
export function consoleRoutes(_deps: AppDependencies): Router {
  const router = Router()
  return router
}
