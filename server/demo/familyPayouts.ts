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
    const paidOn = payoutDay(allocation.postedOn)
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

/**
 * Two business days after a payment, kept per day: the synthetic seed asks for the same few thousand days tens of
 * millions of times, and walking the calendar was 6% of its generator's time. Bounded like agencyInstant's.
 */
function payoutDay(postedOn: IsoDate): IsoDate {
  let paidOn = payoutDays.get(postedOn)
  if (paidOn === undefined) {
    paidOn = addBusinessDays(postedOn, DISBURSEMENT_BUSINESS_DAYS)
    if (payoutDays.size >= 20_000) payoutDays.clear()
    payoutDays.set(postedOn, paidOn)
  }
  return paidOn
}
const payoutDays = new Map<IsoDate, IsoDate>()

/** Everything owed to the state on `on` (principal and interest): what an uncollectible write-off removes. */
export function stateBalanceCents(terms: CaseTerms, entries: readonly RecordedEntry[], on: IsoDate): Cents {
  const { balances } = replayLedger(terms, entries, on)
  return balances.stateArrearsCents + balances.stateInterestCents
}
