import type { NextFunction, Request, Response } from 'express'

// The guard in front of every page with case data. It reads the participant only from the server-side session,
// never from the request, so a parent cannot name someone else (DESIGN.md §5).

export interface ParentPrincipal {
  kind: 'parent'
  participantId: number
}

export function requireParent(signInPath: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.session?.participantId) return next()
    res.redirect(303, signInPath)
  }
}

/** The signed-in parent, for a handler behind `requireParent`. */
export function principalOf(req: Request): ParentPrincipal {
  const participantId = req.session?.participantId
  if (!participantId) throw new Error('principalOf used on a route without requireParent')
  return { kind: 'parent', participantId }
}
