import { Router } from 'express'

import type { AppDependencies } from '../../app'
import { limitAttempts } from '../../middleware/rateLimits'
import { requireParent } from '../../middleware/requireParent'
import { portalPaths } from '../paths'
import { alertsController } from './controller'

export function alertsRoutes(deps: AppDependencies): Router {
  const router = Router()
  const controller = alertsController(deps)
  const signedIn = requireParent(portalPaths.signIn)
  // Each code or link sent is a text or an email to what the parent typed: a few an hour per account.
  const sending = limitAttempts(deps.services.attemptLimits, (req) => [
    { limit: 'alertSendAccount', key: req.session.participantId ? String(req.session.participantId) : null },
  ])
  router.get(portalPaths.alerts, signedIn, controller.show)
  router.post(portalPaths.alertsText, signedIn, sending, controller.startText)
  router.post(portalPaths.alertsTextCode, signedIn, controller.confirmCode)
  router.post(portalPaths.alertsTextOff, signedIn, controller.textOff)
  router.post(portalPaths.alertsEmail, signedIn, sending, controller.startEmail)
  router.post(portalPaths.alertsEmailOff, signedIn, controller.emailOff)
  router.post(portalPaths.alertsChoices, signedIn, controller.saveChoices)
  router.get(portalPaths.confirmAlertEmail, controller.showEmailConfirmation)
  router.post(portalPaths.confirmAlertEmail, controller.confirmEmail)
  return router
}
