import type { NextFunction, Request, Response } from 'express'

import type { Principal } from '../audit/principal'
import type { Clock } from '../clock'
import { ForbiddenError } from '../errors'
import { enforceSessionLimits, type SessionHolder } from '../middleware/parentSession'
import { consolePaths } from './paths'

// Staff sign-in is separate from parents': its own page, its own guard, its own principal. The limits are the
// parents' (15 minutes idle with a warning, 12 hours at most), checked here on the server.

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>

export interface SignedInStaff {
  staffId: number
  role: 'rep' | 'supervisor'
  displayName: string
  languages: string[]
}

/** The console's holder: a signed-in staff member, whose pages show who is signed in and the timeout warning. */
export const staffSessionHolder: SessionHolder = {
  holds: (session) => Boolean(session.staffId && session.staffRole),
  whenActive: (req, res) => {
    const { staffId, staffRole, staffName } = req.session
    res.locals.staff = { staffId: staffId!, role: staffRole!, name: staffName ?? '', supervisor: staffRole === 'supervisor' }
  },
}

/** Ends a staff session past a limit, otherwise records the request as activity and tells the layout who is in. */
export function enforceStaffSessionLimits(clock: Clock) {
  return enforceSessionLimits(clock, consolePaths, staffSessionHolder)
}

/** Every console page but sign-in: a visitor without a staff session goes to the console's sign-in page. */
export function requireStaff(req: Request, res: Response, next: NextFunction) {
  if (req.session?.staffId && req.session.staffRole) return next()
  res.redirect(303, consolePaths.signIn)
}

/** Supervisor pages: a representative is signed in but not allowed, which is a 403, not a redirect. */
export function requireSupervisor(req: Request, res: Response, next: NextFunction) {
  if (!req.session?.staffId || !req.session.staffRole) return res.redirect(303, consolePaths.signIn)
  if (req.session.staffRole !== 'supervisor') return next(new ForbiddenError())
  next()
}

/** The signed-in staff member, for a handler behind `requireStaff`; read only from the server-side session. */
export function staffPrincipalOf(req: Request): StaffPrincipal {
  const { staffId, staffRole } = req.session ?? {}
  if (!staffId || !staffRole) throw new Error('staffPrincipalOf used on a route without requireStaff')
  return { kind: 'staff', staffId, role: staffRole }
}

/** Starts a staff session on a fresh session id; whatever the browser held before (a parent's session) is gone. */
export function startStaffSession(req: Request, staff: SignedInStaff, now: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error)
      req.session.staffId = staff.staffId
      req.session.staffRole = staff.role
      req.session.staffName = staff.displayName
      req.session.staffLanguages = staff.languages
      req.session.signedInAt = now.toISOString()
      req.session.lastSeenAt = now.toISOString()
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()))
    })
  })
}
