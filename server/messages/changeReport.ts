// What the agency asks parents to report (a county services page): a new job, a change in who the children live
// with or in the time share, and news about the other parent. Each report is a thread of its own kind ('change')
// whose first post carries the report as structured fields, so a representative reads "Employer: ..." rather than a
// letter to pick apart. A new address or phone is not reported here: the parent changes it on their details page.
//
// The checks are the domain's, so every channel refuses the same; each problem is a field and a message key.
import type { CallbackTopic, FieldIssue } from '../callbacks/callbackRequest'
import { addDays } from '../agencyTime/calendarDates'

export const changeKinds = ['job', 'household', 'other_parent'] as const
export type ChangeKind = (typeof changeKinds)[number]

/** Who the children live with now, as the parent who reports it says. */
export const livesWithChoices = ['me', 'other_parent', 'shared', 'someone_else'] as const
export type LivesWith = (typeof livesWithChoices)[number]

export type ChangeFields =
  | { change: 'job'; employer: string; employerAddress: string; startDate: string }
  | { change: 'household'; livesWith: LivesWith; timeSharePercent: number | null; changedOn: string }
  | { change: 'other_parent'; whereabouts: string | null; employer: string | null }

/** The queue's topic for each kind of report: a job moves income withholding, a household change may move the order. */
export const changeTopics: Record<ChangeKind, CallbackTopic> = { job: 'payments', household: 'order_change', other_parent: 'other' }

export const changeErrorKeys = {
  employerRequired: 'changes:errors.employerRequired',
  employerAddressRequired: 'changes:errors.employerAddressRequired',
  startDateRequired: 'changes:errors.startDateRequired',
  changedOnRequired: 'changes:errors.changedOnRequired',
  dateInvalid: 'changes:errors.dateInvalid',
  dateOutOfRange: 'changes:errors.dateOutOfRange',
  livesWithRequired: 'changes:errors.livesWithRequired',
  timeShareInvalid: 'changes:errors.timeShareInvalid',
  otherParentEmpty: 'changes:errors.otherParentEmpty',
  textTooLong: 'changes:errors.textTooLong',
  textInvalid: 'changes:errors.textInvalid',
} as const

/** Short enough for one line of a letter; an address has room for a suite and a postal code. */
const maxShortText = 120
const maxAddressText = 300
/** A report's dates: not older than ten years, not more than 90 days ahead (a job that starts next month). */
const earliestDaysBack = 3653
const latestDaysAhead = 90

// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

const asText = (value: unknown) => (typeof value === 'string' ? value : '').replace(/\r\n?/g, '\n').trim()

function checkText(raw: unknown, field: string, max: number, requiredKey: string | null, issues: FieldIssue[]): string | null {
  const value = asText(raw)
  if (!value) {
    if (requiredKey) issues.push({ field, messageKey: requiredKey })
    return null
  }
  if (value.length > max) issues.push({ field, messageKey: changeErrorKeys.textTooLong })
  else if (controlCharacters.test(value)) issues.push({ field, messageKey: changeErrorKeys.textInvalid })
  return value
}

/** An ISO date (YYYY-MM-DD) that exists on the calendar, within the range a report may name. */
function checkDate(raw: unknown, field: string, requiredKey: string, today: string, issues: FieldIssue[]): string {
  const value = asText(raw)
  if (!value) {
    issues.push({ field, messageKey: requiredKey })
    return ''
  }
  const parsed = new Date(`${value}T12:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    issues.push({ field, messageKey: changeErrorKeys.dateInvalid })
    return ''
  }
  if (value < addDays(today, -earliestDaysBack) || value > addDays(today, latestDaysAhead)) {
    issues.push({ field, messageKey: changeErrorKeys.dateOutOfRange })
    return ''
  }
  return value
}

export function isChangeKind(value: unknown): value is ChangeKind {
  return typeof value === 'string' && (changeKinds as readonly string[]).includes(value)
}

/**
 * A report's fields from what the parent typed, or every problem with it. `today` is the agency's date, for the
 * range a date may take.
 */
export function checkChangeFields(
  change: ChangeKind,
  raw: Record<string, unknown>,
  today: string,
): { ok: true; fields: ChangeFields } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  let fields: ChangeFields
  if (change === 'job') {
    const employer = checkText(raw.employer, 'employer', maxShortText, changeErrorKeys.employerRequired, issues)
    const employerAddress = checkText(raw.employerAddress, 'employerAddress', maxAddressText, changeErrorKeys.employerAddressRequired, issues)
    const startDate = checkDate(raw.startDate, 'startDate', changeErrorKeys.startDateRequired, today, issues)
    fields = { change, employer: employer ?? '', employerAddress: employerAddress ?? '', startDate }
  } else if (change === 'household') {
    const livesWith = asText(raw.livesWith)
    if (!(livesWithChoices as readonly string[]).includes(livesWith)) issues.push({ field: 'livesWith', messageKey: changeErrorKeys.livesWithRequired })
    const share = asText(raw.timeSharePercent).replace(/%$/, '').trim()
    let timeSharePercent: number | null = null
    if (share) {
      if (!/^\d{1,3}$/.test(share) || Number(share) > 100) issues.push({ field: 'timeSharePercent', messageKey: changeErrorKeys.timeShareInvalid })
      else timeSharePercent = Number(share)
    }
    const changedOn = checkDate(raw.changedOn, 'changedOn', changeErrorKeys.changedOnRequired, today, issues)
    fields = { change, livesWith: livesWith as LivesWith, timeSharePercent, changedOn }
  } else {
    const whereabouts = checkText(raw.whereabouts, 'whereabouts', maxAddressText, null, issues)
    const employer = checkText(raw.employer, 'employer', maxShortText, null, issues)
    if (whereabouts === null && employer === null) issues.push({ field: 'whereabouts', messageKey: changeErrorKeys.otherParentEmpty })
    fields = { change, whereabouts, employer }
  }
  return issues.length ? { ok: false, issues } : { ok: true, fields }
}

/** The fields as stored with the report's first post (JSON), or null for a post that carries none. */
export function changeFieldsFromJson(json: string | null): ChangeFields | null {
  if (json === null) return null
  const parsed = JSON.parse(json) as { change?: unknown }
  return isChangeKind(parsed.change) ? (parsed as ChangeFields) : null
}
