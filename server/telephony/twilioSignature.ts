import type { NextFunction, Request, Response } from 'express'
import twilio from 'twilio'

import type { Logger } from '../logger'

// Every Twilio webhook (the phone line under /ivr, texts under /texts) must be signed by Twilio for the URL Twilio
// was given: PUBLIC_BASE_URL plus the path as requested. Behind a proxy the Host header says nothing reliable, so the URL is built from configuration, never
// from the request. A missing or wrong signature ends the request with 403 before any state is read or written.
// Two more checks follow a good signature: when TWILIO_ACCOUNT_SID is configured, the request must name our account
// (a signature proves the auth token, and a subaccount or a leaked token of another account is not ours); and the
// signature must be new, since a captured request would otherwise pass again (see server/calls/signatureReplays.ts).

export interface SignatureCheckOptions {
  authToken: string
  publicBaseUrl: string
  /** Our account; null when not configured, and then not checked. */
  accountSid: string | null
  replays: { firstUse(signature: string): Promise<boolean> }
  logger: Logger
}

export function requireTwilioSignature(options: SignatureCheckOptions) {
  const refuse = (req: Request, res: Response, reason: string) => {
    // The path without its query string: nothing a caller keyed is ever logged.
    options.logger.warn({ path: req.path, reason }, 'phone webhook refused')
    res.status(403).type('text/plain').send('Forbidden')
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    const signature = req.header('x-twilio-signature')
    const url = options.publicBaseUrl + req.originalUrl
    const params = req.method === 'POST' && req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {}
    if (!signature || !twilio.validateRequest(options.authToken, signature, url, params)) {
      return refuse(req, res, signature ? 'bad Twilio signature' : 'no Twilio signature')
    }
    if (options.accountSid !== null && params.AccountSid !== options.accountSid) return refuse(req, res, 'another Twilio account')
    let fresh: boolean
    try {
      fresh = await options.replays.firstUse(signature)
    } catch (error) {
      // The store is the database: if it cannot answer, neither can the turn, whose own handler apologises to the
      // caller. Refusing here would make Twilio say "application error" instead.
      options.logger.error({ err: error, path: req.path }, 'phone webhook replay check failed')
      return next()
    }
    if (!fresh) return refuse(req, res, 'replayed Twilio signature')
    next()
  }
}

/** The check as every webhook router of the app mounts it: our auth token, public URL and account, the replay store. */
export function requireTwilioSignatureFor(deps: {
  config: { twilio: { authToken: string; accountSid: string | null }; publicBaseUrl: string }
  services: { signatureReplays: SignatureCheckOptions['replays'] }
  logger: Logger
}) {
  return requireTwilioSignature({
    authToken: deps.config.twilio.authToken,
    publicBaseUrl: deps.config.publicBaseUrl,
    accountSid: deps.config.twilio.accountSid,
    replays: deps.services.signatureReplays,
    logger: deps.logger,
  })
}
