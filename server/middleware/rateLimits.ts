import type { NextFunction, Request, Response } from 'express'

import type { AttemptCheck, AttemptLimits } from '../rateLimits/attemptLimits'
import { errorPageHome } from './errorHandling'

// A guarded form (sign-in, activation, reset, the callback request, console sign-in) counts each posted attempt
// by client and by account before its handler runs; past a limit the answer is a 429 page in the user's language
// that says how long to wait and how to reach a person, with Retry-After. CSRF is checked first, so a forged post
// counts against nobody.

export function limitAttempts(limits: Pick<AttemptLimits, 'attempt'>, checksOf: (req: Request) => AttemptCheck[]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const verdict = await limits.attempt(checksOf(req))
    if (verdict.allowed) return next()
    res.set('Retry-After', String(verdict.retryAfterSeconds))
    res.status(429).render('errors/too-many-requests', {
      pageTitle: req.t('errors:tooManyRequests.title'),
      minutes: Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60)),
      ...errorPageHome(req),
    })
  }
}

/** The posted value of a form field, for a limit keyed by what the user typed (a username, a case number). */
export function postedField(req: Request, name: string, normalize: (value: string) => string = (value) => value.trim()): string | null {
  const value = (req.body as Record<string, unknown> | undefined)?.[name]
  if (typeof value !== 'string') return null
  const normalized = normalize(value)
  return normalized || null
}

/** Case numbers and PAR IDs are typed with spaces and dashes; the limit counts the digits. */
export const identifierDigits = (value: string) => value.replace(/\D/g, '')
