import type { Request, Response } from 'express'

import type { Clock } from '../clock'
import { secondsLeft, type SessionHolder } from './parentSession'

// The two endpoints the timeout warning script talks to, shared by the portal and the console; each passes its own
// session holder and the pages to go back to.

/** How long the session has left, for the warning script; this request does not count as activity. */
export function sessionStatus(clock: Clock, holder: SessionHolder) {
  return (req: Request, res: Response) => {
    if (!req.session || !holder.holds(req.session)) return res.status(401).json({ signedIn: false, secondsLeft: 0 })
    res.json({ signedIn: true, secondsLeft: secondsLeft(clock.now(), req.session) })
  }
}

/** "Stay signed in": the request itself counts as activity (see enforceSessionLimits), then back where the user was. */
export function staySignedIn(clock: Clock, holder: SessionHolder, pages: { home: string; signIn: string }) {
  return (req: Request, res: Response) => {
    const signedIn = Boolean(req.session && holder.holds(req.session))
    if (req.accepts(['html', 'json']) === 'json') {
      return res.status(signedIn ? 200 : 401).json({ signedIn, secondsLeft: signedIn ? secondsLeft(clock.now(), req.session) : 0 })
    }
    res.redirect(303, signedIn ? (sameSiteReferrer(req) ?? pages.home) : pages.signIn)
  }
}

/**
 * Back to the page the user was on, only when it is a path on this site. The referrer's path is resolved again
 * against this site's own origin: a path that starts with two slashes (`//other.host/…`, or a backslash a browser
 * reads as one), which a browser follows to another host, is refused, as is anything but a plain same-origin path.
 */
function sameSiteReferrer(req: Request): string | undefined {
  const referrer = req.get('Referer')
  const host = req.get('Host')
  if (!referrer || !host) return undefined
  try {
    const url = new URL(referrer)
    if (url.host !== host || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined
    const path = `${url.pathname}${url.search}`
    const origin = `${url.protocol}//${host}`
    const resolved = new URL(path, origin)
    if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\') || resolved.origin !== origin) return undefined
    return `${resolved.pathname}${resolved.search}`
  } catch {
    return undefined
  }
}
