import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { portalPaths } from '../paths'
import { signInController } from './controller'

export function signInRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = signInController(deps)
  router.get(portalPaths.signIn, controller.show)
  router.post(portalPaths.signIn, controller.submit)
  router.post(portalPaths.signOut, controller.signOut)
  router.get(portalPaths.sessionEnded, controller.sessionEnded)
  router.get(portalPaths.sessionStatus, controller.status)
  router.post(portalPaths.staySignedIn, controller.staySignedIn)
  return router
}
