// The one place the demo asks the ledger engine what happened to each payment. The engine decides every split
// (family or state, pass-through, the annual fee); the demo only records the resulting fee and disbursement rows.
import { replayLedger } from '../cases/rules/ledgerReplay'
import type { CaseTerms, Cents, IsoDate, RecordedEntry } from '../cases/rules/ledgerTypes'
import { DISBURSEMENT_BUSINESS_DAYS, addBusinessDays } from '../cases/disbursementSchedule'
import type { PayoutMethod } from './demoDefinitions'

/** A fee or disbursement row to record, tied to the payment (by the entry id used in the replay) it comes from. */
export interface DerivedPayoutEntry {
  kind: 'fee' | 'disbursement'
  paymentEntryId: number
  postedOn: IsoDate
  amountCents: Cents
  method: PayoutMethod | null
}

/**
 * For each payment up to `today`: the annual service fee kept back from it, and the family's share (after that
 * fee) paid out two business days later by the receiving parent's method, on the date the case service expects
 * it. A payout that falls after today has not happened yet; the case service shows it as expected.
 */
export function deriveFamilyPayouts(
  terms: CaseTerms,
  entries: readonly RecordedEntry[],
  today: IsoDate,
  payoutMethod: PayoutMethod,
): DerivedPayoutEntry[] {
  const statement = replayLedger(terms, entries, today)
  const derived: DerivedPayoutEntry[] = []
  for (const allocation of statement.allocations) {
    if (allocation.feeWithheldCents > 0) {
      derived.push({
        kind: 'fee',
        paymentEntryId: allocation.paymentId,
        postedOn: allocation.postedOn,
        amountCents: allocation.feeWithheldCents,
        method: null,
      })
    }
    const paidOn = addBusinessDays(allocation.postedOn, DISBURSEMENT_BUSINESS_DAYS)
    if (allocation.disbursedToFamilyCents > 0 && paidOn <= today) {
      derived.push({
        kind: 'disbursement',
        paymentEntryId: allocation.paymentId,
        postedOn: paidOn,
        amountCents: allocation.disbursedToFamilyCents,
        method: payoutMethod,
      })
    }
  }
  return derived
}

/** Everything owed to the state on `on` (principal and interest): what an uncollectible write-off removes. */
export function stateBalanceCents(terms: CaseTerms, entries: readonly RecordedEntry[], on: IsoDate): Cents {
  const { balances } = replayLedger(terms, entries, on)
  return balances.stateArrearsCents + balances.stateInterestCents
}
