import { z } from 'zod'

import type { IdentityFacts } from '../identity/identityService'
import { formText } from '../web/forms'

// The facts that prove who a parent is, asked the same way by activation and by password or PIN reset: a case
// number or PAR ID, the last four digits of the SSN, and the date of birth as three boxes (USWDS memorable date).

const key = (name: string) => `portal:identityFacts.errors.${name}`

export const identityFactFields = ['identifier', 'ssnLast4', 'dateOfBirth'] as const
/** The date's summary link goes to its month box. */
export const identityFactFieldIds = { dateOfBirth: 'dateOfBirthMonth' }

const digits = (value: string) => value.replace(/[\s-]/g, '')

const dateOfBirthSchema = z
  .object({ year: formText(z.string().trim()), month: formText(z.string().trim()), day: formText(z.string().trim()) })
  .transform(({ year, month, day }, context) => isoDateFrom(year, month, day, context))

/** The three date boxes become one `dateOfBirth` field first, so that every fact is checked on its own. */
export const identityFactsSchema = z.preprocess(
  (body) => {
    const form = (body ?? {}) as Record<string, unknown>
    return { ...form, dateOfBirth: { year: form.dateOfBirthYear, month: form.dateOfBirthMonth, day: form.dateOfBirthDay } }
  },
  z.object({
    identifier: formText(
      z.string().trim().min(1, key('identifierRequired')).transform(digits).pipe(z.string().regex(/^\d{6,20}$/, key('identifierFormat'))),
    ),
    ssnLast4: formText(z.string().trim().min(1, key('ssnRequired')).regex(/^\d{4}$/, key('ssnFormat'))),
    dateOfBirth: dateOfBirthSchema,
  }),
) satisfies z.ZodType<IdentityFacts, unknown>

function isoDateFrom(year: string, month: string, day: string, context: z.RefinementCtx): string {
  const fail = (name: string) => {
    context.addIssue({ code: 'custom', message: key(name) })
    return ''
  }
  if (!year && !month && !day) return fail('dateOfBirthRequired')
  if (!/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day) || !/^\d{4}$/.test(year)) return fail('dateOfBirthInvalid')
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  const parsed = new Date(`${iso}T12:00:00Z`)
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return fail('dateOfBirthInvalid')
  if (Number(year) < 1900 || parsed.getTime() > Date.now()) return fail('dateOfBirthInvalid')
  return iso
}
