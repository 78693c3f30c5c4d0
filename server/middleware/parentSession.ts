import type { NextFunction, Request, Response } from 'express'
import type { SessionData } from 'express-session'

import type { Clock } from '../clock'
import { signedInPagesNotStored } from './pageCaching'
import { sessionIdleMs } from './setUpWebSession'

// What a signed-in parent's session holds, and the two limits on it (DESIGN.md §5): an idle timeout (15 minutes
// without a request) and an absolute limit (12 hours after sign-in, however busy). Both are measured with the
// injected clock and checked here on the server: the browser's countdown only warns, it never decides. What the
// session and the page locals hold for this is declared in parentSession.types.d.ts.

export const sessionAbsoluteMs = 12 * 60 * 60 * 1000
/** The warning opens two minutes before the idle limit: far more than the 20 seconds WCAG 2.2.1 asks for. */
export const sessionWarningMs = 2 * 60 * 1000

/**
 * Activity is recorded to this resolution: a changed session is a database write, and writing one on every request
 * was most of what a signed-in page cost the database. The idle limit is then kept to within these seconds.
 */
export const activityResolutionMs = 15 * 1000

export type SessionState = 'active' | 'idle_expired' | 'absolute_expired'

function activityIsNews(now: Date, lastSeenAt: string | undefined): boolean {
  const last = Date.parse(lastSeenAt ?? '')
  return !Number.isFinite(last) || now.getTime() - last >= activityResolutionMs || now.getTime() < last
}

export function sessionStateAt(now: Date, session: { signedInAt?: string; lastSeenAt?: string }): SessionState {
  const signedIn = Date.parse(session.signedInAt ?? '')
  const lastSeen = Date.parse(session.lastSeenAt ?? session.signedInAt ?? '')
  if (!Number.isFinite(signedIn) || now.getTime() - signedIn >= sessionAbsoluteMs) return 'absolute_expired'
  if (!Number.isFinite(lastSeen) || now.getTime() - lastSeen >= sessionIdleMs) return 'idle_expired'
  return 'active'
}

/** Seconds until the session ends by whichever limit comes first. */
export function secondsLeft(now: Date, session: { signedInAt?: string; lastSeenAt?: string }): number {
  const idleEnd = Date.parse(session.lastSeenAt ?? '') + sessionIdleMs
  const absoluteEnd = Date.parse(session.signedInAt ?? '') + sessionAbsoluteMs
  return Math.max(0, Math.floor((Math.min(idleEnd, absoluteEnd) - now.getTime()) / 1000))
}

/** Where a session's timeout warning asks, stays signed in, signs out, and where an ended session is sent. */
export interface SessionLimitPaths {
  sessionEnded: string
  sessionStatus: string
  staySignedIn: string
  signOut: string
}

export interface SessionHolder {
  /** Whether this session belongs to the kind of user the limits are for (a parent, or a staff member). */
  holds(session: SessionData): boolean
  /** What the pages of a signed-in user need to know, set once the session is known to be active. */
  whenActive(req: Request, res: Response): void
}

/** The portal's holder: a signed-in parent, whose pages show the account links and the timeout warning. */
export const parentSessionHolder: SessionHolder = {
  holds: (session) => Boolean(session.participantId),
  whenActive: (_req, res) => {
    res.locals.signedIn = true
  },
}

/**
 * Ends a session that has passed a limit (and sends its user to a page that says so), otherwise records the request
 * as activity. Sessions the holder does not hold (a visitor holding only a CSRF token) are left alone. The portal and
 * the console each run this with their own paths and holder.
 */
export function enforceSessionLimits(clock: Clock, paths: SessionLimitPaths, holder: SessionHolder = parentSessionHolder) {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = req.session
    if (!session || !holder.holds(session)) return next()
    const now = clock.now()
    const state = sessionStateAt(now, session)
    if (state !== 'active') {
      session.destroy((error) => {
        if (error) return next(error)
        // The warning script asks by fetch and wants an answer, not a page.
        if (req.accepts(['html', 'json']) === 'json') return res.status(401).json({ signedIn: false, secondsLeft: 0 })
        res.redirect(303, `${paths.sessionEnded}?reason=${state === 'idle_expired' ? 'idle' : 'limit'}`)
      })
      return
    }
    // Asking how much time is left must not itself count as activity, or the warning could never come true.
    // The whole path: under a mount point (the console's /console) req.path alone is relative to it.
    const path = req.baseUrl + req.path
    if (path === paths.staySignedIn || (path !== paths.sessionStatus && activityIsNews(now, session.lastSeenAt))) {
      session.lastSeenAt = now.toISOString()
    }
    signedInPagesNotStored(res)
    holder.whenActive(req, res)
    res.locals.sessionTimeout = {
      idleSeconds: Math.min(sessionIdleMs / 1000, secondsLeft(now, session)),
      warningSeconds: sessionWarningMs / 1000,
      statusUrl: paths.sessionStatus,
      endedUrl: `${paths.sessionEnded}?reason=idle`,
      stayUrl: paths.staySignedIn,
      signOutUrl: paths.signOut,
    }
    next()
  }
}

/** Starts a parent's session on a fresh session id, so an id fixed before sign-in is worth nothing after it. */
export function startParentSession(req: Request, participantId: number, now: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error)
      req.session.participantId = participantId
      req.session.signedInAt = now.toISOString()
      req.session.lastSeenAt = now.toISOString()
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()))
    })
  })
}

export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!req.session) return resolve()
    req.session.destroy((error) => (error ? reject(error) : resolve()))
  })
}
