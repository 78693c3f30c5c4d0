// The annual service fee on never-assisted cases: FC 17208(c) (effective Oct 1, 2019), carrying out the federal
// requirement of 42 USC 654(6)(B)(ii): $35 once $550 has been collected for the custodial party in a federal
// fiscal year.
import { federalFiscalYear } from './calendar'
import type { AssistanceStatus, Cents, IsoDate } from './ledgerTypes'

export const ANNUAL_SERVICE_FEE_CENTS = 3_500
export const ANNUAL_SERVICE_FEE_THRESHOLD_CENTS = 55_000

export interface Collection {
  paymentId: number
  postedOn: IsoDate
  amountCents: Cents
}

export interface AnnualServiceFeeDue {
  fiscalYear: number
  chargedOn: IsoDate
  cents: Cents
  /** The payment that brought the year's collections to $550 or more; the fee comes out of its disbursement. */
  paymentId: number
}

/** Only a custodial party who never received public assistance pays the fee (FC 17208(c): "never-assisted"). */
export function annualServiceFeeApplies(status: AssistanceStatus): boolean {
  return status === 'never'
}

function byPostingOrder(a: Collection, b: Collection): number {
  return a.postedOn < b.postedOn ? -1 : a.postedOn > b.postedOn ? 1 : a.paymentId - b.paymentId
}

export function collectedInFiscalYearCents(collections: readonly Collection[], fiscalYear: number): Cents {
  return collections
    .filter((c) => federalFiscalYear(c.postedOn) === fiscalYear)
    .reduce((sum, c) => sum + c.amountCents, 0)
}

/**
 * One fee per fiscal year, charged on the payment whose collection makes the year's total reach $550
 * ("$550 or more", so exactly $550 counts). It is withheld from the family's disbursement and never added to what
 * the paying parent owes.
 */
export function annualServiceFees(status: AssistanceStatus, collections: readonly Collection[]): AnnualServiceFeeDue[] {
  if (!annualServiceFeeApplies(status)) return []
  const fees: AnnualServiceFeeDue[] = []
  const collectedByYear = new Map<number, Cents>()
  for (const collection of [...collections].sort(byPostingOrder)) {
    const fiscalYear = federalFiscalYear(collection.postedOn)
    const before = collectedByYear.get(fiscalYear) ?? 0
    const after = before + collection.amountCents
    collectedByYear.set(fiscalYear, after)
    if (before < ANNUAL_SERVICE_FEE_THRESHOLD_CENTS && after >= ANNUAL_SERVICE_FEE_THRESHOLD_CENTS) {
      const { postedOn: chargedOn, paymentId } = collection
      fees.push({ fiscalYear, chargedOn, cents: ANNUAL_SERVICE_FEE_CENTS, paymentId })
    }
  }
  return fees
}
