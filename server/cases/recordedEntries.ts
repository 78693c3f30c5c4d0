// The ledger table as the ledger engine reads it. Charges, payments and adjustments are the recorded facts the
// engine replays; interest, fees and disbursements are what it derives (or what was paid out), so they are not fed
// back in. Row ids become entry ids, so an allocation's paymentId is the payment's ledger row id.
import { LedgerInputError } from './rules/ledgerEntries'
import type { AdjustmentReason, OwedTo, PaymentMethod, RecordedEntry } from './rules/ledgerTypes'
import type { LedgerRecord } from './ledgerRepository'

const paymentMethods: ReadonlySet<string> = new Set<PaymentMethod>([
  'income_withholding', 'sdu_online', 'sdu_phone', 'moneygram', 'paynearme', 'mail', 'paypal', 'tax_intercept',
])
const adjustmentReasons: ReadonlySet<string> = new Set<AdjustmentReason>(['uncollectible', 'coap_compromise', 'court_credit'])

// A row the engine cannot read is refused rather than guessed at: a wrong balance is worse than none.
function owedToOf(row: LedgerRecord): OwedTo {
  if (row.owedTo !== 'family' && row.owedTo !== 'state') throw new LedgerInputError(`ledger ${row.id}: no owed_to`)
  return row.owedTo
}

export function isPaymentMethod(value: string | null): value is PaymentMethod {
  return value !== null && paymentMethods.has(value)
}

export function recordedEntriesOf(rows: readonly LedgerRecord[]): RecordedEntry[] {
  const entries: RecordedEntry[] = []
  for (const row of rows) {
    if (row.kind === 'charge') {
      if (row.orderKind === null) throw new LedgerInputError(`ledger ${row.id}: a charge needs an order kind`)
      entries.push({
        kind: 'charge',
        id: row.id,
        dueOn: row.postedOn,
        orderKind: row.orderKind,
        amountCents: row.amountCents,
        owedTo: owedToOf(row),
      })
    } else if (row.kind === 'payment') {
      if (!isPaymentMethod(row.method)) throw new LedgerInputError(`ledger ${row.id}: unknown payment method`)
      entries.push({ kind: 'payment', id: row.id, postedOn: row.postedOn, method: row.method, amountCents: row.amountCents })
    } else if (row.kind === 'adjustment') {
      if (row.reason === null || !adjustmentReasons.has(row.reason)) {
        throw new LedgerInputError(`ledger ${row.id}: unknown adjustment reason`)
      }
      entries.push({
        kind: 'adjustment',
        id: row.id,
        postedOn: row.postedOn,
        owedTo: owedToOf(row),
        reason: row.reason as AdjustmentReason,
        amountCents: row.amountCents,
      })
    }
  }
  return entries
}
