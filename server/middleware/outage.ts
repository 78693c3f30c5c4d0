import type { Request, Response } from 'express'

/** How long a browser or a load balancer is told to wait before trying again. */
const retryAfterSeconds = 30

/**
 * The "service unavailable, try again or call us" page (503) in the visitor's language, with the agency's number as
 * a tap-to-call link. It writes nothing to the database: the session is left as it is (no touch, no new cookie),
 * and the page offers neither sign-out nor the idle-timeout dialog, which would need it. Rendered to text first, so
 * that if the request's own answer got out meanwhile, nothing is sent twice.
 */
export function answerOutage(req: Request, res: Response, agencyPhone: string): void {
  if (res.headersSent) return
  const t = res.locals.t as ((key: string) => string) | undefined
  // Without a session to save, express-session ends the response at once instead of waiting on the database.
  ;(req as { session?: unknown }).session = undefined
  if (!t) {
    res.status(503).set('Retry-After', String(retryAfterSeconds)).type('text/plain').send('Service unavailable. Try again in a few minutes.')
    return
  }
  const locals = {
    ...res.locals,
    signedIn: false,
    sessionTimeout: undefined,
    pageTitle: t('errors:serviceUnavailable.title'),
    agencyPhone,
    tryAgainUrl: req.method === 'GET' ? req.originalUrl : undefined,
  }
  res.app.render('errors/service-unavailable', locals, (error, html) => {
    if (res.headersSent) return
    res.status(503).set('Retry-After', String(retryAfterSeconds))
    if (error) res.type('text/plain').send('Service unavailable. Try again in a few minutes.')
    else res.type('html').send(html)
  })
}
