import type { Request } from 'express'

import { NotFoundError } from '../errors'

// Case and payment ids come from the URL; they are only ever a lookup key. The case service decides whether the
// signed-in parent may see the case, so a wrong or someone else's id is the same 404.

function idParam(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,11}$/.test(value)) throw new NotFoundError()
  return Number(value)
}

export const caseIdOf = (req: Request) => idParam(req.params.caseId)
export const paymentIdOf = (req: Request) => idParam(req.params.paymentId)
