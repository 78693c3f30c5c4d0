import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { consolePaths } from '../paths'
import { requireStaff } from '../staffSession'
import { messageController } from './controller'

export function messageRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = messageController(deps)
  router.get(consolePaths.message, requireStaff, controller.show)
  router.post(consolePaths.messageClaim, requireStaff, controller.claim)
  router.post(consolePaths.messageRelease, requireStaff, controller.release)
  router.post(consolePaths.messageReply, requireStaff, controller.reply)
  router.get(consolePaths.document, requireStaff, controller.document)
  router.post(consolePaths.documentReview, requireStaff, controller.reviewDocument)
  return router
}
