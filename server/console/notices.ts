import type { NextFunction, Request, Response } from 'express'
import type { SessionData } from 'express-session'

import { formatDateTime } from '../templates'

// A one-time message carried across a redirect (post, redirect, get): an action says what it did on the page
// that follows, and a reload does not say it again. The text is a message key, translated on display.

type Notice = NonNullable<SessionData['consoleNotice']>

export function setNotice(req: Request, notice: Notice): void {
  req.session.consoleNotice = notice
}

/** Moves a waiting notice into the page's locals, once. */
export function showNotice(req: Request, res: Response, next: NextFunction) {
  const notice = req.session?.consoleNotice
  if (notice && req.method === 'GET') {
    delete req.session.consoleNotice
    const params = Object.fromEntries(
      Object.entries(notice.params ?? {}).map(([name, value]) => [
        name,
        typeof value === 'object' ? formatDateTime(req.language, value.dateTime) : value,
      ]),
    )
    res.locals.consoleNotice = { text: req.t(notice.key, params), kind: notice.kind }
  }
  next()
}
