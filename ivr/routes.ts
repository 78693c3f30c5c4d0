import { Router } from 'express'

import type { AppDependencies } from '../server/app'

// The phone line's webhooks, mounted at /ivr before sessions and CSRF: Twilio's signature, not a cookie,
// proves where a request came from.
export function ivrRoutes(_deps: AppDependencies): Router {
  const router = Router()
  return router
}
