import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { acceptDocuments } from '../../middleware/documentUploads'
import { limitAttempts } from '../../middleware/rateLimits'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { messagesController } from './controller'

export function messagesRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = messagesController(deps)
  const signedIn = requireParent(portalPaths.signIn)
  // Writing shares the callback requests' limits: both file work for a representative.
  const limited = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'callbackClient', key: req.ip },
    { limit: 'callbackAccount', key: req.session.participantId ? String(req.session.participantId) : null },
  ])
  router.get(portalPaths.messages, signedIn, controller.list)
  router.get(portalPaths.newMessage, signedIn, controller.showNew)
  // A message may carry documents: the upload streams them to disk, then the form token is checked.
  const upload = acceptDocuments(deps.services.documents)
  router.post(portalPaths.newMessage, signedIn, limited, ...upload, controller.submitNew)
  router.get(portalPaths.messageThread, signedIn, controller.thread)
  router.post(portalPaths.replyToThread, signedIn, limited, ...upload, controller.reply)
  router.get(portalPaths.messageDocument, signedIn, controller.document)
  return router
}
