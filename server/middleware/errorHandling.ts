import type { NextFunction, Request, Response } from 'express'

import { consolePaths } from '../console/paths'
import { DatabaseUnavailableError } from '../db/databaseErrors'
import { HttpError, NotFoundError } from '../errors'
import type { Logger } from '../logger'
import { answerOutage } from './outage'
import { passedDeadline } from './requestDeadline'

export function notFound(_req: Request, _res: Response, next: NextFunction) {
  next(new NotFoundError())
}

/**
 * The one place errors become pages. Known errors get their status and a page in the user's language;
 * anything else is logged and answered with a plain 500 page, never a stack trace in production.
 */
export function errorHandler(logger: Logger, production: boolean, agencyPhone: string) {
  // Express tells an error handler apart by its four parameters.
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      // The deadline already answered this request; what it ended in afterwards is only worth a line in the log.
      if (passedDeadline(res)) return logger.warn({ err: error, path: req.path }, 'request failed after its deadline')
      return next(error)
    }
    // The database is down or too slow: a "try again or call us" page (503), never a 500.
    if (error instanceof DatabaseUnavailableError) {
      logger.warn({ err: error, path: req.path }, 'database unavailable')
      return answerOutage(req, res, agencyPhone)
    }
    const status = statusOf(error)
    if (status >= 500) logger.error({ err: error, path: req.path }, 'request failed')
    const t = res.locals.t as ((key: string) => string) | undefined
    if (!t) {
      res.status(status).type('text/plain').send(status === 404 ? 'Not found' : 'Something went wrong')
      return
    }
    const home = errorPageHome(req)
    if (status === 403) {
      // Two different 403s: a form whose token no longer matches the session (it expired, or the person signed in
      // again), and a page this account may not open (a representative on a supervisor's page). Each says its own.
      const reason = (error as { code?: unknown })?.code === 'EBADCSRFTOKEN' ? 'forbidden' : 'notAllowed'
      res.status(403).render('errors/forbidden', { pageTitle: t(`errors:${reason}.title`), reason, ...home })
      return
    }
    const view = status === 404 ? 'errors/not-found' : status < 500 ? 'errors/bad-request' : 'errors/server-error'
    res.status(status).render(view, {
      ...home,
      pageTitle: t(status === 404 ? 'errors:notFound.title' : status < 500 ? 'errors:badRequest.title' : 'errors:serverError.title'),
      stack: production || status < 500 ? undefined : (error as Error)?.stack,
    })
  }
}

/** An error page's way home: the console's queue for staff, the portal's home page for parents. */
export function errorPageHome(req: Request): { homeHref: string; homeLabel: string } {
  const inConsole = req.originalUrl.startsWith(consolePaths.home)
  return { homeHref: inConsole ? consolePaths.queue : '/', homeLabel: inConsole ? 'errors:backToConsole' : 'errors:backHome' }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status
  const candidate = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode
  if (typeof candidate === 'number' && candidate >= 400 && candidate < 600) return candidate
  return 500
}
