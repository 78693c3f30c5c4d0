import type { NextFunction, Request, Response } from 'express'

import type { Logger } from '../logger'

/**
 * Every request answers within `deadlineMs`, whatever it waits on: if its own answer has not started by then,
 * `answerLate` answers instead (the outage page, or the phone's apology) and anything the request produces
 * afterwards is dropped. Twilio gives up on a webhook at 15 s; the default here is 10 s.
 */
export function requestDeadline(deadlineMs: number, logger: Logger, answerLate: (req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return
      logger.warn({ path: req.path, deadlineMs }, 'request passed its deadline')
      res.locals.passedDeadline = true
      res.once('finish', () => dropLateWrites(res))
      answerLate(req, res)
    }, deadlineMs)
    const clear = () => clearTimeout(timer)
    res.once('finish', clear)
    res.once('close', clear)
    next()
  }
}

/** The request's own answer, arriving after the deadline's, has nowhere to go: it is dropped, not an error. */
function dropLateWrites(res: Response): void {
  res.setHeader = () => res
  res.writeHead = () => res
  res.write = () => true
  res.end = () => res
}

/** Whether a request was already answered by its deadline (the error handler then stays quiet). */
export function passedDeadline(res: Response): boolean {
  return res.locals.passedDeadline === true
}
