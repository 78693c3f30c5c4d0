import type { ChangeKind } from '../../messages/changeReport'

// The report forms' own shape: the dates arrive as three boxes (USWDS memorable date) and become one YYYY-MM-DD for
// the domain, which holds every rule (required fields, lengths, dates in range), so any channel refuses the same.

/** Each form's fields in the order the error summary lists them, and where a date's summary link goes. */
export const changeFormFields: Record<ChangeKind, readonly string[]> = {
  job: ['caseId', 'employer', 'employerAddress', 'startDate', 'note'],
  household: ['caseId', 'livesWith', 'timeSharePercent', 'changedOn', 'note'],
  other_parent: ['caseId', 'whereabouts', 'employer', 'note'],
}
export const changeFormFieldIds = { startDate: 'startDateMonth', changedOn: 'changedOnMonth' }

const dateFieldsOf: Record<ChangeKind, readonly string[]> = { job: ['startDate'], household: ['changedOn'], other_parent: [] }

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/** Three boxes → "YYYY-MM-DD"; empty when all three are; something the domain calls invalid when not digits. */
export function isoDateFromBoxes(year: unknown, month: unknown, day: unknown): string {
  const [y, m, d] = [text(year), text(month), text(day)]
  if (!y && !m && !d) return ''
  if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return 'invalid'
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
}

/** The form body as the domain takes it: the dates joined, everything else as typed. */
export function changeFieldsFromForm(change: ChangeKind, body: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...body }
  for (const name of dateFieldsOf[change]) fields[name] = isoDateFromBoxes(body[`${name}Year`], body[`${name}Month`], body[`${name}Day`])
  return fields
}

/** The case a report is about, from the form: a number, or null (the domain says "choose one of your cases"). */
export function caseIdFromForm(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null
}
