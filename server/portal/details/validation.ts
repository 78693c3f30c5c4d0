import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { z } from 'zod'

import type { ContactDetails } from '../../identity/contactDetails'
import { formText } from '../../web/forms'
import { usStates } from './usStates'

// "My details": what a parent may change about themselves. Phone numbers must be US numbers (stored as E.164);
// empty optional fields are stored as nothing at all.

const key = (name: string) => `portal:details.errors.${name}`

export const detailsFields = [
  'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'phonePrimary', 'phoneMobile', 'email', 'employerName', 'language',
] as const

const optionalText = (tooLong: string) =>
  formText(z.string().trim().max(100, key(tooLong))).transform((value) => value || null)

const requiredText = (required: string, tooLong: string) =>
  formText(z.string().trim().min(1, key(required)).max(100, key(tooLong)))

/** A US phone number as E.164, or null when left blank and `required` is false. */
const usPhone = (required: boolean) =>
  formText(z.string().trim()).transform((typed, context) => {
    if (!typed) {
      if (required) context.addIssue({ code: 'custom', message: key('phoneRequired') })
      return null
    }
    const parsed = parsePhoneNumberFromString(typed, 'US')
    if (!parsed || !parsed.isValid() || parsed.country !== 'US') {
      context.addIssue({ code: 'custom', message: key('phoneInvalid') })
      return null
    }
    return parsed.number
  })

export const detailsSchema = z.object({
  addressLine1: requiredText('addressRequired', 'addressTooLong'),
  addressLine2: optionalText('addressTooLong'),
  city: requiredText('cityRequired', 'cityTooLong'),
  state: formText(z.enum(usStates, { error: key('stateRequired') })),
  postalCode: formText(z.string().trim().min(1, key('postalCodeRequired')).regex(/^\d{5}(-\d{4})?$/, key('postalCodeFormat'))),
  phonePrimary: usPhone(true),
  phoneMobile: usPhone(false),
  email: formText(z.string().trim().max(100, key('emailInvalid')))
    .pipe(z.union([z.literal(''), z.email(key('emailInvalid'))]))
    .transform((value) => value || null),
  employerName: optionalText('employerTooLong'),
  language: formText(z.enum(['en', 'es'], { error: key('languageRequired') })),
}) satisfies z.ZodType<ContactDetails, unknown>

/** The stored details as the form shows them: phone numbers the way a US reader writes them. */
export function formValuesOf(details: ContactDetails): Record<string, string> {
  const national = (e164: string | null) => (e164 ? (parsePhoneNumberFromString(e164)?.formatNational() ?? e164) : '')
  return {
    addressLine1: details.addressLine1 ?? '',
    addressLine2: details.addressLine2 ?? '',
    city: details.city ?? '',
    state: details.state ?? '',
    postalCode: details.postalCode ?? '',
    phonePrimary: national(details.phonePrimary),
    phoneMobile: national(details.phoneMobile),
    email: details.email ?? '',
    employerName: details.employerName ?? '',
    language: details.language,
  }
}
