import type { NextFunction, Request, Response } from 'express'
import twilio from 'twilio'

import type { Logger } from '../server/logger'

// Every /ivr request must be signed by Twilio for the URL Twilio was given: PUBLIC_BASE_URL plus the path as
// requested. Behind a proxy the Host header says nothing reliable, so the URL is built from configuration, never
// from the request. A missing or wrong signature ends the request with 403 before any state is read or written.

export function requireTwilioSignature(options: { authToken: string; publicBaseUrl: string; logger: Logger }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const signature = req.header('x-twilio-signature')
    const url = options.publicBaseUrl + req.originalUrl
    const params = req.method === 'POST' && req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {}
    if (signature && twilio.validateRequest(options.authToken, signature, url, params)) {
      next()
      return
    }
    // The path without its query string: nothing a caller keyed is ever logged.
    options.logger.warn({ path: req.path, signed: Boolean(signature) }, 'phone webhook refused: bad Twilio signature')
    res.status(403).type('text/plain').send('Forbidden')
  }
}
