import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { acceptDocuments } from '../../middleware/documentUploads'
import { limitAttempts } from '../../middleware/rateLimits'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { documentsController } from './controller'

export function documentsRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = documentsController(deps)
  const signedIn = requireParent(portalPaths.signIn)
  // Sending a document files work for a representative, as a message does: the same limits.
  const limited = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'callbackClient', key: req.ip },
    { limit: 'callbackAccount', key: req.session.participantId ? String(req.session.participantId) : null },
  ])
  router.get(portalPaths.documentRequests, signedIn, controller.list)
  router.get(portalPaths.answerDocumentRequest, signedIn, controller.form)
  router.post(portalPaths.answerDocumentRequest, signedIn, limited, ...acceptDocuments(deps.services.documents), controller.submit)
  return router
}
