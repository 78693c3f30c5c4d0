import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { z } from 'zod'

import { type ChoosableAlertKind, isChoosableAlertKind } from '../../alerts/alertKinds'
import { CODE_DIGITS } from '../../alerts/alertSettings'
import { formText } from '../../web/forms'

// The alerts page's forms. A number must be a US number (stored as E.164; whether it takes texts is learned when the
// code is sent); an address must look like one; the consent box must be ticked; a code is six digits, spaces and
// dashes forgiven.

const key = (name: string) => `portal:alerts.errors.${name}`

const consent = formText(z.literal('yes', { error: key('consentRequired') }))

export const textDestinationSchema = z.object({
  mobile: formText(z.string().trim()).transform((typed, context) => {
    const parsed = typed ? parsePhoneNumberFromString(typed, 'US') : undefined
    if (!typed) context.addIssue({ code: 'custom', message: key('mobileRequired') })
    else if (!parsed || !parsed.isValid() || parsed.country !== 'US') context.addIssue({ code: 'custom', message: key('mobileInvalid') })
    return parsed?.number ?? ''
  }),
  textConsent: consent,
})

export const emailDestinationSchema = z.object({
  email: formText(z.string().trim().min(1, key('emailRequired')).max(100, key('emailInvalid')).pipe(z.email(key('emailInvalid')))),
  emailConsent: consent,
})

export const codeSchema = z.object({
  code: formText(
    z
      .string()
      .transform((typed) => typed.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), key('codeFormat'))),
  ),
})

/** The ticked kinds of the choices form: one field per kind, or the same field repeated; anything unknown ignored. */
export function chosenKinds(body: unknown): Set<ChoosableAlertKind> {
  const raw = (body as Record<string, unknown> | null)?.kinds
  const values = Array.isArray(raw) ? raw : [raw]
  return new Set(values.filter((value): value is ChoosableAlertKind => typeof value === 'string' && isChoosableAlertKind(value)))
}
