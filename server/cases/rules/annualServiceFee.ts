// The annual service fee on never-assisted cases: FC 17208(c) (effective Oct 1, 2019), carrying out the federal
// requirement of 42 USC 654(6)(B)(ii): once $550 has been collected for the custodial party in a federal fiscal year,
// $35 a year, "retained by the State from support collected ... (but not from the first $550 so collected)".
import { federalFiscalYear } from '../../agencyTime/calendarDates'
import type { AssistanceStatus, Cents, IsoDate } from './ledgerTypes'

export const ANNUAL_SERVICE_FEE_CENTS = 3_500
export const ANNUAL_SERVICE_FEE_THRESHOLD_CENTS = 55_000

export interface Collection {
  paymentId: number
  postedOn: IsoDate
  amountCents: Cents
}

/** The part of one payment collected beyond the first $550 of its fiscal year: the only money the fee may come from. */
export interface CollectionAboveThreshold {
  paymentId: number
  fiscalYear: number
  postedOn: IsoDate
  cents: Cents
}

export interface AnnualServiceFeeDue {
  fiscalYear: number
  chargedOn: IsoDate
  cents: Cents
  /**
   * The first payment that took the year's collections above $550; the fee comes out of its dollars above $550 and,
   * when they are fewer than $35, out of the next payments of the same fiscal year.
   */
  paymentId: number
}

/** Only a custodial party who never received public assistance pays the fee (FC 17208(c): "never-assisted"). */
export function annualServiceFeeApplies(status: AssistanceStatus): boolean {
  return status === 'never'
}

/** Date order, then the payment id: two payments posted the same day always count in the same order. */
export function byPostingOrder(a: Collection, b: Collection): number {
  if (a.postedOn !== b.postedOn) return a.postedOn < b.postedOn ? -1 : 1
  return a.paymentId - b.paymentId
}

export function collectedInFiscalYearCents(collections: readonly Collection[], fiscalYear: number): Cents {
  return collections
    .filter((c) => federalFiscalYear(c.postedOn) === fiscalYear)
    .reduce((sum, c) => sum + c.amountCents, 0)
}

/**
 * Each payment's dollars beyond the first $550 of its fiscal year, in posting order; payments wholly within the
 * first $550 are left out. A payment that brings the year to exactly $550 has nothing above it.
 */
export function collectionsAboveThreshold(collections: readonly Collection[]): CollectionAboveThreshold[] {
  const above: CollectionAboveThreshold[] = []
  const collectedByYear = new Map<number, Cents>()
  for (const collection of [...collections].sort(byPostingOrder)) {
    const fiscalYear = federalFiscalYear(collection.postedOn)
    const before = collectedByYear.get(fiscalYear) ?? 0
    const after = before + collection.amountCents
    collectedByYear.set(fiscalYear, after)
    const cents = after - Math.max(before, ANNUAL_SERVICE_FEE_THRESHOLD_CENTS)
    if (cents > 0) above.push({ paymentId: collection.paymentId, fiscalYear, postedOn: collection.postedOn, cents })
  }
  return above
}

/**
 * One fee per fiscal year, charged on the first payment with dollars above the year's first $550. It is withheld
 * from the family's disbursement of those dollars and never added to what the paying parent owes.
 */
export function annualServiceFees(status: AssistanceStatus, collections: readonly Collection[]): AnnualServiceFeeDue[] {
  if (!annualServiceFeeApplies(status)) return []
  const fees: AnnualServiceFeeDue[] = []
  const charged = new Set<number>()
  for (const { paymentId, fiscalYear, postedOn } of collectionsAboveThreshold(collections)) {
    if (charged.has(fiscalYear)) continue
    charged.add(fiscalYear)
    fees.push({ fiscalYear, chargedOn: postedOn, cents: ANNUAL_SERVICE_FEE_CENTS, paymentId })
  }
  return fees
}
