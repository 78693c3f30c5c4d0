import { csrfSync } from 'csrf-sync'
import { Router } from 'express'

// Synchronizer-token CSRF protection: the token lives in the server-side session and every
// state-changing form posts it back as `_csrf`. A page with a form gets `csrfToken` in its locals.
export function setUpCsrf(): Router {
  const router = Router()
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  })
  router.use(csrfSynchronisedProtection)
  router.use((req, res, next) => {
    // Lazily: only pages that render a form ask for a token, so a plain visit makes no session.
    res.locals.csrfToken = () => generateToken(req)
    next()
  })
  return router
}
