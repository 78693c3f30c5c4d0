import { z } from 'zod'

import { isIsoDate } from '../agencyTime/calendarDates'
import { caseNumber, caseRecordSchemas, externalId, isoDate } from './caseRecordDocuments'

// The documents the agency's case system sends, one JSON object each (a line of a batch file, or an element of an
// API request). Every document but a participant names its case by case number, and each carries the case system's
// own id, which makes a repeat harmless. Money is integer cents; dates are the agency's calendar dates (YYYY-MM-DD); instants are ISO 8601
// with a zone. A document that does not fit is refused with the first reason found, and nothing of it is written.

const cents = z.number().int().min(1).max(100_000_000)

const payment = z.object({
  type: z.literal('payment'),
  id: externalId,
  caseNumber,
  postedOn: isoDate,
  amountCents: cents,
  method: z.enum(['income_withholding', 'sdu_online', 'sdu_phone', 'moneygram', 'paynearme', 'mail', 'paypal', 'tax_intercept']),
}).strict()

const payout = z.object({
  type: z.literal('payout'),
  id: externalId,
  caseNumber,
  paidOn: isoDate,
  amountCents: cents,
  method: z.enum(['direct_deposit', 'debit_card']),
  /** The payment this pays out, by the case system's id, when it sent that payment here. */
  paymentId: externalId.optional(),
}).strict()

const charge = z.object({
  type: z.literal('charge'),
  id: externalId,
  caseNumber,
  dueOn: isoDate.refine((date) => date.endsWith('-01'), 'support is charged on the 1st of the month'),
  orderKind: z.enum(['child', 'medical', 'spousal']),
  amountCents: cents,
  owedTo: z.enum(['family', 'state']),
}).strict()

const adjustment = z.object({
  type: z.literal('adjustment'),
  id: externalId,
  caseNumber,
  postedOn: isoDate,
  owedTo: z.enum(['family', 'state']),
  reason: z.enum(['uncollectible', 'coap_compromise', 'court_credit']),
  /** Negative lowers what is owed, positive raises it. */
  amountCents: z.number().int().min(-100_000_000).max(100_000_000).refine((n) => n !== 0, 'not zero'),
}).strict()

const event = z.object({
  type: z.literal('event'),
  id: externalId,
  caseNumber,
  kind: z.enum(['hearing', 'appointment', 'document_request']),
  /** An instant for a hearing or an appointment; the due date for a document request. */
  scheduledFor: z.string().min(10).max(40),
  topic: z.string().trim().min(1).max(200),
  location: z.string().trim().min(1).max(200).optional(),
  status: z.enum(['scheduled', 'requested']),
  /** The parent it concerns, by PAR ID; absent when it concerns the case. */
  parId: z.string().regex(/^\d{10}$/, '10 digits').optional(),
}).strict().superRefine((doc, context) => {
  const valid = doc.kind === 'document_request' ? isIsoDate(doc.scheduledFor) : /(Z|[+-]\d\d:\d\d)$/.test(doc.scheduledFor) && !Number.isNaN(Date.parse(doc.scheduledFor))
  if (!valid) context.addIssue({ code: 'custom', path: ['scheduledFor'], message: doc.kind === 'document_request' ? 'a due date, YYYY-MM-DD' : 'an ISO 8601 instant with its zone' })
  if ((doc.kind === 'document_request') !== (doc.status === 'requested')) context.addIssue({ code: 'custom', path: ['status'], message: 'requested for a document request, scheduled otherwise' })
})

export const intakeDocumentSchema = z.discriminatedUnion('type', [payment, payout, charge, adjustment, event, ...caseRecordSchemas])
export type IntakeDocument = z.infer<typeof intakeDocumentSchema>
export const intakeDocumentTypes = ['payment', 'payout', 'charge', 'adjustment', 'event', 'participant', 'case', 'order', 'enforcement'] as const

/** The document, or the reason it is refused ("amountCents: Too small: expected number to be >=1"). */
export function parseIntakeDocument(input: unknown): { document: IntakeDocument } | { refused: string } {
  const parsed = intakeDocumentSchema.safeParse(input)
  if (parsed.success) return { document: parsed.data }
  const issue = parsed.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return { refused: `${where}${issue?.message ?? 'not a document'}` }
}
