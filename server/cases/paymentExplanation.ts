// "Why is my balance this?": where every cent of one payment went, straight from the ledger engine's allocation.
// CCP 695.221: the current month's support first, then interest, then the oldest unpaid support; a tax refund
// intercept pays state-assigned arrears first (CCP 695.221(d)); in a former-assistance case the family's arrears are
// paid before the state's (AB 135, 2021), and while the family receives CalWORKs the state's first, except the monthly
// pass-through to the family (FC 17504). The receiving parent also sees the FC 17208 fee kept back and the payout.
import type { Viewer } from './caseAccess'
import { PaymentNotFound } from './caseErrors'
import type { CaseFacts } from './caseFacts'
import { type ExpectedDisbursement, expectedDisbursements } from './disbursementSchedule'
import { type Message, message, money } from './messages'
import type { AllocationPart, PaymentAllocation } from './rules/ledgerStatement'
import type { Cents, IsoDate, PaymentMethod } from './rules/ledgerTypes'

export interface FamilyShare {
  /** Paid to the family, pass-through included. */
  toFamilyCents: Cents
  /** Kept by the state to repay public assistance. */
  toStateCents: Cents
  passThroughCents: Cents
  feeWithheldCents: Cents
  /** What the receiving parent is paid from this payment. */
  disbursedCents: Cents
  disbursements: Array<{ disbursementId: number; postedOn: IsoDate; amountCents: Cents; method: string | null }>
  expected: ExpectedDisbursement | null
}

export interface PaymentExplanation {
  caseId: number
  viewer: Viewer
  paymentId: number
  postedOn: IsoDate
  method: PaymentMethod
  amountCents: Cents
  /** In the order the money was applied; with creditHeldCents they add up to amountCents. */
  parts: Array<Omit<AllocationPart, 'chargeDueOn'> & { chargeDueOn: IsoDate | null }>
  /** More than everything owed at the time, kept for the next charge. */
  creditHeldCents: Cents
  /** The receiving parent's view and the agency's only. */
  family: FamilyShare | null
  notes: Message[]
}

function notesFor(allocation: PaymentAllocation, facts: CaseFacts, family: FamilyShare | null): Message[] {
  const notes = [message('cases:explain.order')]
  if (allocation.method === 'tax_intercept') notes.push(message('cases:explain.taxIntercept'))
  const assistance = facts.view.record.assistanceStatus
  if (assistance === 'former') notes.push(message('cases:explain.familyFirst'))
  if (assistance === 'current') notes.push(message('cases:explain.stateFirst'))
  if (family && family.passThroughCents > 0) {
    notes.push(message('cases:explain.passThrough', { amount: money(family.passThroughCents) }))
  }
  if (family && family.feeWithheldCents > 0) {
    notes.push(message('cases:explain.annualFee', { amount: money(family.feeWithheldCents) }))
  }
  if (allocation.unappliedCents > 0) {
    notes.push(message('cases:explain.creditHeld', { amount: money(allocation.unappliedCents) }))
  }
  return notes
}

export function explainPayment(facts: CaseFacts, paymentId: unknown): PaymentExplanation {
  const allocation = facts.statement.allocations.find((a) => a.paymentId === paymentId)
  if (!allocation) throw new PaymentNotFound(paymentId)
  const seesFamily = facts.view.viewer !== 'paying'
  const disbursements = facts.disbursements.filter((d) => d.paymentId === allocation.paymentId)
  const family: FamilyShare | null = seesFamily
    ? {
        toFamilyCents: allocation.toFamilyCents,
        toStateCents: allocation.toStateCents,
        passThroughCents: allocation.passThroughCents,
        feeWithheldCents: allocation.feeWithheldCents,
        disbursedCents: allocation.disbursedToFamilyCents,
        disbursements: disbursements.map((d) => ({
          disbursementId: d.id, postedOn: d.postedOn, amountCents: d.amountCents, method: d.method,
        })),
        expected:
          disbursements.length > 0 ? null : (expectedDisbursements([allocation], new Set<number>())[0] ?? null),
      }
    : null
  return {
    caseId: facts.view.caseId,
    viewer: facts.view.viewer,
    paymentId: allocation.paymentId,
    postedOn: allocation.postedOn,
    method: allocation.method,
    amountCents: allocation.amountCents,
    parts: allocation.parts.map((part) => ({ ...part, chargeDueOn: part.chargeDueOn ?? null })),
    creditHeldCents: allocation.unappliedCents,
    family,
    notes: notesFor(allocation, facts, family),
  }
}
