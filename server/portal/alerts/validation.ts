import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { z } from 'zod'

import { type ChoosableAlertKind, choosableAlertKinds } from '../../alerts/alertKinds'
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

/** The field of the choices form that holds one kind's checkbox: one name per kind, ticked or absent. */
export const kindField = (kind: ChoosableAlertKind) => `kind-${kind}`

/** The ticked kinds of the choices form; anything else in the body is ignored. */
export function chosenKinds(body: unknown): Set<ChoosableAlertKind> {
  const fields = (body ?? {}) as Record<string, unknown>
  return new Set(choosableAlertKinds.filter((kind) => fields[kindField(kind)] === 'yes'))
}
