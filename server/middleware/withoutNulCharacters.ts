import { parse } from 'node:querystring'

import type { NextFunction, Request, Response } from 'express'

// U+0000 is a character no keyboard types and PostgreSQL's text cannot hold: left in a field, it would reach a query
// and fail there as a server error. It is removed from every submitted value at the edge, so the forms' own checks
// answer whatever is left ("enter your username") in the user's language, on either database.

const nul = '\u0000'

type SubmittedValue = string | string[] | undefined

function cleaned(value: SubmittedValue): SubmittedValue {
  if (typeof value === 'string') return value.replaceAll(nul, '')
  if (Array.isArray(value)) return value.map((item) => item.replaceAll(nul, ''))
  return value
}

function cleanedRecord(record: Record<string, SubmittedValue>): Record<string, SubmittedValue> {
  const result: Record<string, SubmittedValue> = {}
  for (const [name, value] of Object.entries(record)) result[name.replaceAll(nul, '')] = cleaned(value)
  return result
}

/** Express's `query parser`: the simple (non-nested) parse, without U+0000 in any name or value. */
export function queryWithoutNulCharacters(queryString: string): Record<string, SubmittedValue> {
  return cleanedRecord(parse(queryString))
}

/** After the body parser: the same for a form body. */
export function bodyWithoutNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    req.body = cleanedRecord(body as Record<string, SubmittedValue>)
  }
  next()
}
