import type { Request } from 'express'

import { NotFoundError } from './errors'

// Case, payment and callback ids come from the URL, in the portal, the console and the phone line; they are only
// ever a lookup key. The services decide whether the signed-in user may see the record, so a malformed, wrong or
// someone else's id is the same 404.

/** The largest id a record can have: ids are 32-bit integer columns, and PostgreSQL refuses a larger key outright. */
const largestRecordId = 2_147_483_647

/** A record id from a path segment, or null: digits only, no leading zero, within the columns' range. */
export function recordIdFrom(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return null
  const id = Number(value)
  return id <= largestRecordId ? id : null
}

function idParam(value: unknown): number {
  const id = recordIdFrom(value)
  if (id === null) throw new NotFoundError()
  return id
}

export const caseIdOf = (req: Request) => idParam(req.params.caseId)
export const paymentIdOf = (req: Request) => idParam(req.params.paymentId)
export const callbackIdOf = (req: Request) => idParam(req.params.callbackId)
export const threadIdOf = (req: Request) => idParam(req.params.threadId)
export const eventIdOf = (req: Request) => idParam(req.params.eventId)
export const documentIdOf = (req: Request) => idParam(req.params.documentId)
