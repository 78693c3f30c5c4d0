import type { Response } from 'express'
import { z, type ZodType } from 'zod'

// The one way every portal form validates and re-renders. Schemas say what is wrong as message keys; this turns
// them into the page's error summary (links to the fields), the messages beside each field, an HTTP 400 and the
// values the parent typed (never a password or PIN).

/** Field name → message key (with its parameters, when the message needs them). */
export type FieldError = string | { key: string; params: Record<string, unknown> }
export type FieldErrors = Record<string, FieldError>

const asText = (value: unknown) => (typeof value === 'string' ? value : '')

/** A form field as text: a missing or repeated field reads as empty, so odd input gets a message, never a 500. */
export function formText<T extends ZodType>(schema: T) {
  return z.preprocess(asText, schema)
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

export function validateForm<T>(schema: ZodType<T>, body: unknown): Validation<T> {
  const parsed = schema.safeParse(body ?? {})
  if (parsed.success) return { ok: true, data: parsed.data }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    // A custom issue may carry the message's parameters (a limit, a count) beside its key.
    const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined
    errors[field] ??= params ? { key: issue.message, params } : issue.message
  }
  return { ok: false, errors }
}

/** What the parent typed, to put back in the form; secrets are never sent back to the browser. */
export function keptValues(body: unknown, secretFields: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && key !== '_csrf' && !secretFields.includes(key)) values[key] = value
  }
  return values
}

export interface FormPage {
  pageTitle: string
  values?: Record<string, unknown>
  errors?: FieldErrors
  /** The element each field's summary link focuses, when it is not the field's own name (a date's month box). */
  fieldIds?: Record<string, string>
  /** Field order for the summary; fields not listed keep the order they were found in. */
  fieldOrder?: readonly string[]
  /** The status of a refused form: 400 unless the problem has its own (413 for a file too large). */
  status?: number
  [local: string]: unknown
}

export function renderForm(res: Response, view: string, page: FormPage): void {
  const { errors, fieldIds = {}, fieldOrder = [], status = 400, ...locals } = page
  const t = res.locals.t
  if (!errors || Object.keys(errors).length === 0) {
    res.render(view, { values: {}, errors: {}, ...locals })
    return
  }
  const fields = Object.keys(errors).sort((a, b) => rank(fieldOrder, a) - rank(fieldOrder, b))
  const translate = (error: FieldError) => (typeof error === 'string' ? t(error) : t(error.key, error.params))
  const messages = Object.fromEntries(fields.map((field) => [field, translate(errors[field]!)]))
  res.status(status).render(view, {
    values: {},
    ...locals,
    errors: messages,
    formErrors: fields.map((field) => ({ href: `#${fieldIds[field] ?? field}`, text: messages[field] })),
  })
}

function rank(order: readonly string[], field: string): number {
  const index = order.indexOf(field)
  return index === -1 ? order.length : index
}
