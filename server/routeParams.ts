import type { Request } from 'express'

import { NotFoundError } from './errors'

// Case, payment and callback ids come from the URL, in the portal and the console; they are only ever a lookup key.
// The services decide whether the signed-in user may see the record, so a malformed, wrong or someone else's id is
// the same 404.

function idParam(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,11}$/.test(value)) throw new NotFoundError()
  return Number(value)
}

export const caseIdOf = (req: Request) => idParam(req.params.caseId)
export const paymentIdOf = (req: Request) => idParam(req.params.paymentId)
export const callbackIdOf = (req: Request) => idParam(req.params.callbackId)
