import { z } from 'zod'

import { isIsoDate } from '../agencyTime/calendarDates'

// The case system's records of people and cases, beside the ledger and events of intakeDocuments.ts. A participant or
// a case document is the whole record as the case system holds it now: it creates the record the first time and
// replaces it after (a field left out of a later document is cleared), so the newest document is what every page and
// call shows. An order starts on its date and ends the order of the same kind before it; an enforcement change sets
// one action's status for the paying parent it names. Each still carries the case system's own id, so a repeat of
// the same document changes nothing.

export const externalId = z.string().trim().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable characters, no spaces')
export const caseNumber = z.string().regex(/^\d{12}$/, '12 digits')
export const isoDate = z.string().refine(isIsoDate, 'a calendar date, YYYY-MM-DD')
export const parId = z.string().regex(/^\d{10}$/, '10 digits')
const usPhone = z.string().regex(/^\+1[2-9]\d{2}[2-9]\d{6}$/, 'a US number in E.164, +1 and 10 digits')
const text = (max: number) => z.string().trim().min(1).max(max)

const participant = z.object({
  type: z.literal('participant'),
  id: externalId,
  parId,
  firstName: text(80),
  lastName: text(80),
  dateOfBirth: isoDate,
  /** Kept only as a keyed digest and its last four digits. */
  ssn: z.string().regex(/^\d{3}-?\d{2}-?\d{4}$/, 'nine digits, as 123-45-6789 or 123456789'),
  language: z.enum(['en', 'es']),
  phone: usPhone.optional(),
  mobilePhone: usPhone.optional(),
  email: z.email().max(254).optional(),
  address: z.object({
    line1: text(120),
    line2: text(120).optional(),
    city: text(80),
    state: z.string().regex(/^[A-Z]{2}$/, 'two capital letters'),
    postalCode: z.string().regex(/^\d{5}(-\d{4})?$/, '5 digits, or 5 and 4'),
  }).strict().optional(),
  employerName: text(120).optional(),
  householdIncomeCents: z.number().int().min(0).max(10_000_000_000).optional(),
  householdSize: z.number().int().min(1).max(20).optional(),
  familyViolence: z.boolean(),
  activeMilitary: z.boolean().optional(),
  releasedFromIncarcerationOn: isoDate.optional(),
}).strict().superRefine((doc, context) => {
  if ((doc.householdIncomeCents === undefined) !== (doc.householdSize === undefined)) {
    context.addIssue({ code: 'custom', path: ['householdSize'], message: 'householdIncomeCents and householdSize come together' })
  }
})

const caseRecord = z.object({
  type: z.literal('case'),
  id: externalId,
  caseNumber,
  county: text(40),
  status: z.enum(['open', 'closed']),
  assistanceStatus: z.enum(['never', 'former', 'current']),
  processingStage: z.enum(['establishment', 'enforcement', 'closed']),
  caseworkerName: text(120),
  officeCode: z.string().regex(/^[A-Z0-9-]{1,16}$/, 'capital letters, digits or -'),
  openedOn: isoDate,
  /** The case's interest rate in basis points and why, when not the statutory 10%. */
  interest: z.object({ basisPoints: z.number().int().min(0).max(2_500), basis: z.enum(['statutory', 'scra', 'order', 'interstate']) }).strict().optional(),
  enforcementEndedReason: text(80).optional(),
  /** Everyone on the case with their role; the list replaces the case's roles. Participants are sent first. */
  roles: z.array(z.object({ parId, role: z.enum(['paying', 'receiving', 'child']) }).strict()).min(1).max(30),
}).strict().superRefine((doc, context) => {
  const seen = new Set<string>()
  doc.roles.forEach((role, index) => {
    const key = `${role.parId}:${role.role}`
    if (seen.has(key)) context.addIssue({ code: 'custom', path: ['roles', index], message: 'the same person and role twice' })
    seen.add(key)
  })
  if ((doc.status === 'closed') !== (doc.processingStage === 'closed')) {
    context.addIssue({ code: 'custom', path: ['processingStage'], message: 'closed exactly when the status is closed' })
  }
})

const order = z.object({
  type: z.literal('order'),
  id: externalId,
  caseNumber,
  kind: z.enum(['child', 'medical', 'spousal']),
  monthlyCents: z.number().int().min(0).max(100_000_000),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.optional(),
  courtCaseNumber: z.string().trim().regex(/^[A-Z0-9-]{1,32}$/, 'capital letters, digits or -').optional(),
}).strict().superRefine((doc, context) => {
  if (doc.effectiveTo !== undefined && doc.effectiveTo < doc.effectiveFrom) {
    context.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'not before effectiveFrom' })
  }
})

const enforcement = z.object({
  type: z.literal('enforcement'),
  id: externalId,
  caseNumber,
  /** The paying parent the action is taken against. */
  parId,
  kind: z.enum(['drivers_license', 'income_withholding', 'tax_intercept', 'passport_denial', 'credit_reporting']),
  status: z.enum(['notice_sent', 'listed', 'suspended', 'released', 'active', 'ended', 'exempt_low_income']),
  changedOn: isoDate,
  /** When the action began; on the first document of an action, the change's own date when left out. */
  startedOn: isoDate.optional(),
  employerName: text(120).optional(),
}).strict().superRefine((doc, context) => {
  const licenseStatuses = ['notice_sent', 'listed', 'suspended', 'released', 'exempt_low_income']
  const fits = doc.kind === 'drivers_license' ? licenseStatuses.includes(doc.status) : doc.status === 'active' || doc.status === 'ended'
  if (!fits) context.addIssue({ code: 'custom', path: ['status'], message: doc.kind === 'drivers_license' ? 'a license status' : 'active or ended' })
  if (doc.employerName !== undefined && doc.kind !== 'income_withholding') {
    context.addIssue({ code: 'custom', path: ['employerName'], message: 'only for income withholding' })
  }
  if (doc.startedOn !== undefined && doc.startedOn > doc.changedOn) context.addIssue({ code: 'custom', path: ['startedOn'], message: 'not after changedOn' })
})

export const caseRecordSchemas = [participant, caseRecord, order, enforcement] as const
export type ParticipantDocument = z.infer<typeof participant>
export type CaseDocument = z.infer<typeof caseRecord>
export type OrderDocument = z.infer<typeof order>
export type EnforcementDocument = z.infer<typeof enforcement>
