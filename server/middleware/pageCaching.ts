import type { NextFunction, Request, Response } from 'express'

// What a browser may keep of a page. A page anyone may see (the home page, how to pay, the sign-in form) may be kept
// by the browser alone and must be revalidated before reuse, which lets the back and forward buttons restore it at
// once (a no-store page is never kept in the back/forward cache). A page for a signed-in parent or representative is
// never stored anywhere: the session limits (parentSession.ts) say so once they know the session is active.

export const publicPageCaching = 'private, no-cache'
export const signedInPageCaching = 'private, no-store'

export function pagesRevalidated(_req: Request, res: Response, next: NextFunction) {
  res.set('Cache-Control', publicPageCaching)
  next()
}

export function signedInPagesNotStored(res: Response) {
  res.set('Cache-Control', signedInPageCaching)
}
