import { csrfSync } from 'csrf-sync'
import { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express'

// Synchronizer-token CSRF protection: the token lives in the server-side session and every
// state-changing form posts it back as `_csrf`. A page with a form gets `csrfToken` in its locals.
//
// A form that sends files (multipart) carries its token inside the multipart body, which only the upload on that
// route reads. Those routes, and only those (`uploadPath`), check the token themselves right after the upload with
// `checkCsrfAfterUpload`; a multipart post to any other path is checked here as always, and fails.

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => (req.body as Record<string, string> | undefined)?._csrf,
})

export function setUpCsrf(uploadPath: (path: string) => boolean = () => false): Router {
  const router = Router()
  router.use((req, res, next) => {
    if (req.method === 'POST' && req.is('multipart/form-data') && uploadPath(req.path)) return next()
    csrfSynchronisedProtection(req, res, next)
  })
  router.use((req, res, next) => {
    // Lazily: only pages that render a form ask for a token, so a plain visit makes no session.
    res.locals.csrfToken = () => generateToken(req)
    next()
  })
  return router
}

/**
 * The token check for an upload route, after the upload has read the form. A plain (urlencoded) post was checked
 * already; a multipart one is checked now, and on a bad token `discard` removes whatever the upload wrote.
 */
export function checkCsrfAfterUpload(discard: (req: Request) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) return next()
    csrfSynchronisedProtection(req, res, (error?: unknown) => {
      if (error) return void discard(req).then(() => next(error), next)
      next()
    })
  }
}
