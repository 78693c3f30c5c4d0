// Checking and ordering recorded entries before they are replayed.
import { compareIsoDates, isIsoDate } from '../../agencyTime/calendarDates'
import { assertRate } from './interest'
import type { CaseTerms, IsoDate, RecordedEntry } from './ledgerTypes'

/** Bad ledger data: a rule refuses to guess rather than show a wrong balance. */
export class LedgerInputError extends Error {
  override readonly name = 'LedgerInputError'
}

export function entryDate(entry: RecordedEntry): IsoDate {
  return entry.kind === 'charge' ? entry.dueOn : entry.postedOn
}

// On one day, the 1st's installments are charged before anything else so a payment that day counts toward
// them as current support (CCP 695.221), and corrections land before money is applied.
const SAME_DAY_RANK: Record<RecordedEntry['kind'], number> = { charge: 0, adjustment: 1, payment: 2 }

/** Date order, then charges, adjustments, payments, then id: the same entries always replay the same way. */
export function compareEntries(a: RecordedEntry, b: RecordedEntry): number {
  return (
    compareIsoDates(entryDate(a), entryDate(b)) || SAME_DAY_RANK[a.kind] - SAME_DAY_RANK[b.kind] || a.id - b.id
  )
}

export function assertCaseTerms(terms: CaseTerms): void {
  try {
    assertRate(terms.interestRateBasisPoints)
  } catch (error) {
    throw new LedgerInputError((error as Error).message)
  }
  if (!Number.isSafeInteger(terms.childrenCount) || terms.childrenCount < 0) {
    throw new LedgerInputError(`childrenCount must be a whole number ≥ 0: ${terms.childrenCount}`)
  }
  if (!['never', 'former', 'current'].includes(terms.assistanceStatus)) {
    throw new LedgerInputError(`Unknown assistance status: ${String(terms.assistanceStatus)}`)
  }
}

export function assertIsoDate(date: IsoDate, what: string): void {
  if (!isIsoDate(date)) throw new LedgerInputError(`${what} is not an ISO calendar date: ${JSON.stringify(date)}`)
}

/** Every entry well formed, amounts whole cents of the right sign, ids unique within a kind. */
export function assertEntries(entries: readonly RecordedEntry[]): void {
  const seen = { charge: new Set<number>(), payment: new Set<number>(), adjustment: new Set<number>() }
  for (const entry of entries) {
    const label = `${entry.kind} ${entry.id}`
    assertIsoDate(entryDate(entry), label)
    if (!Number.isSafeInteger(entry.amountCents)) throw new LedgerInputError(`${label}: amount must be whole cents`)
    if (entry.kind === 'charge' && entry.amountCents < 0) {
      throw new LedgerInputError(`${label}: a charge cannot be negative; record a credit as an adjustment`)
    }
    if (entry.kind === 'payment' && entry.amountCents <= 0) {
      throw new LedgerInputError(`${label}: a payment must be more than zero`)
    }
    if (seen[entry.kind].has(entry.id)) throw new LedgerInputError(`${label}: duplicate id`)
    seen[entry.kind].add(entry.id)
  }
}
