import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { staffSignInController } from './controller'

export function staffSignInRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = staffSignInController(deps)
  router.get(consolePaths.home, controller.home)
  router.get(consolePaths.signIn, controller.show)
  router.post(consolePaths.signIn, controller.submit)
  router.post(consolePaths.signOut, controller.signOut)
  router.get(consolePaths.sessionEnded, controller.sessionEnded)
  router.get(consolePaths.sessionStatus, controller.status)
  router.post(consolePaths.staySignedIn, controller.staySignedIn)
  return router
}
