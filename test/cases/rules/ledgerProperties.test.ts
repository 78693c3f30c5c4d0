// Properties that must hold for any ledger, checked on random ones.
import fc from 'fast-check'
import { addDays, addMonths, federalFiscalYear } from '../../../server/agencyTime/calendarDates'
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import type { LedgerStatement } from '../../../server/cases/rules/ledgerStatement'
import type { CaseTerms, RecordedEntry } from '../../../server/cases/rules/ledgerTypes'
import { adjustment, charge, payment } from './ledgerBuilders'

const START = '2022-08-01' // spans federal fiscal years 2022 to 2025
const sum = (values: number[]): number => values.reduce((total, v) => total + v, 0)

const termsArbitrary: fc.Arbitrary<CaseTerms> = fc.record({
  interestRateBasisPoints: fc.constantFrom(0, 600, 1000, 1200),
  assistanceStatus: fc.constantFrom('never', 'former', 'current'),
  childrenCount: fc.integer({ min: 0, max: 4 }),
})

const owedTo = fc.constantFrom('family' as const, 'state' as const)

const entriesArbitrary: fc.Arbitrary<RecordedEntry[]> = fc
  .record({
    charges: fc.array(fc.record({ month: fc.nat(30), cents: fc.integer({ min: 0, max: 100_000 }), owedTo }), {
      maxLength: 40,
    }),
    payments: fc.array(
      fc.record({
        day: fc.nat(1000),
        // Small amounts too, so that a payment often crosses $550 by a few dollars or lands on it exactly.
        cents: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 5_000 }), fc.constant(55_000)),
        method: fc.constantFrom('income_withholding' as const, 'sdu_online' as const, 'tax_intercept' as const),
      }),
      { maxLength: 30 },
    ),
    adjustments: fc.array(
      fc.record({ day: fc.nat(1000), cents: fc.integer({ min: -150_000, max: 100_000 }), owedTo }),
      { maxLength: 5 },
    ),
  })
  .map(({ charges, payments, adjustments }) => [
    ...charges.map((c, i) => charge(i + 1, addMonths(START, c.month), c.cents, c.owedTo)),
    ...payments.map((p, i) => payment(i + 1, addDays(START, p.day), p.cents, p.method)),
    ...adjustments.map((a, i) => adjustment(i + 1, addDays(START, a.day), a.owedTo, a.cents)),
  ])

const asOfArbitrary = fc.nat(1100).map((day) => addDays(START, day))

const ledger = fc.record({ terms: termsArbitrary, entries: entriesArbitrary, asOf: asOfArbitrary })

describe('ledger properties', () => {
  it('conserves every payment: parts + unapplied = payment, family + state = parts', () => {
    fc.assert(
      fc.property(ledger, ({ terms, entries, asOf }) => {
        for (const a of replayLedger(terms, entries, asOf).allocations) {
          const applied = sum(a.parts.map((p) => p.cents))
          expect(a.parts.every((p) => Number.isSafeInteger(p.cents) && p.cents > 0)).toBe(true)
          expect(applied + a.unappliedCents).toBe(a.amountCents)
          expect(a.unappliedCents).toBeGreaterThanOrEqual(0)
          expect(a.toFamilyCents + a.toStateCents).toBe(applied)
          expect(a.passThroughCents).toBeLessThanOrEqual(a.toFamilyCents)
          expect(a.feeWithheldCents).toBeGreaterThanOrEqual(0)
          expect(a.disbursedToFamilyCents).toBe(a.toFamilyCents - a.feeWithheldCents)
          expect(a.disbursedToFamilyCents).toBeGreaterThanOrEqual(0)
        }
      }),
    )
  })

  it('keeps every bucket non-negative and adding up to the total', () => {
    fc.assert(
      fc.property(ledger, ({ terms, entries, asOf }) => {
        const b = replayLedger(terms, entries, asOf).balances
        const buckets = [
          b.currentDueCents,
          b.familyArrearsCents,
          b.stateArrearsCents,
          b.familyInterestCents,
          b.stateInterestCents,
        ]
        expect(buckets.every((cents) => Number.isSafeInteger(cents) && cents >= 0)).toBe(true)
        expect(b.interestCents).toBe(b.familyInterestCents + b.stateInterestCents)
        expect(b.totalOwedCents).toBe(sum(buckets))
      }),
    )
  })

  it('balances the books: charged + raised + interest = owed + paid + written off', () => {
    fc.assert(
      fc.property(ledger, ({ terms, entries, asOf }) => {
        const s = replayLedger(terms, entries, asOf)
        const charged = sum(entries.filter((e) => e.kind === 'charge' && e.dueOn <= asOf).map((e) => e.amountCents))
        const raised = sum(s.adjustments.map((a) => Math.max(0, a.principalChangeCents)))
        const writtenOff = sum(s.adjustments.map((a) => Math.max(0, -a.principalChangeCents) - a.interestChangeCents))
        const paid = sum(s.allocations.flatMap((a) => a.parts.map((p) => p.cents)))
        const interest = sum(s.interestAccruals.map((a) => a.cents))
        expect(charged + raised + interest).toBe(s.balances.totalOwedCents + paid + writtenOff)
        expect(s.creditHeldCents).toBe(sum(s.allocations.map((a) => a.unappliedCents)))
        if (s.creditHeldCents > 0) expect(s.balances.totalOwedCents).toBe(0)
      }),
    )
  })

  it('never lets interest fall while nothing is paid or written off', () => {
    fc.assert(
      fc.property(ledger, fc.nat(12), ({ terms, entries, asOf }, months) => {
        const noReliefAfter = entries.filter(
          (e) => e.kind === 'charge' || e.postedOn <= asOf || (e.kind === 'adjustment' && e.amountCents > 0),
        )
        let previous = replayLedger(terms, noReliefAfter, asOf).balances.interestCents
        for (let month = 1; month <= months; month += 1) {
          const later = replayLedger(terms, noReliefAfter, addMonths(asOf, month)).balances.interestCents
          expect(later).toBeGreaterThanOrEqual(previous)
          previous = later
        }
      }),
      { numRuns: 50 },
    )
  })

  it('is deterministic whatever order the entries arrive in', () => {
    fc.assert(
      fc.property(ledger, fc.func(fc.integer()), ({ terms, entries, asOf }, shuffleKey) => {
        const shuffled = entries
          .map((entry, index) => ({ entry, key: shuffleKey(index) }))
          .sort((a, b) => a.key - b.key)
          .map(({ entry }) => entry)
        const first: LedgerStatement = replayLedger(terms, entries, asOf)
        expect(replayLedger(terms, shuffled, asOf)).toEqual(first)
        expect(replayLedger(terms, entries, asOf)).toEqual(first)
      }),
    )
  })

  it('charges the fee only to never-assisted cases, once a fiscal year, and withholds no more than it', () => {
    fc.assert(
      fc.property(ledger, ({ terms, entries, asOf }) => {
        const s = replayLedger(terms, entries, asOf)
        if (terms.assistanceStatus !== 'never') expect(s.fees).toEqual([])
        expect(new Set(s.fees.map((f) => f.fiscalYear)).size).toBe(s.fees.length)
        expect(s.fees.every((f) => f.cents === 3500 && f.withheldCents <= f.cents)).toBe(true)
        expect(sum(s.allocations.map((a) => a.feeWithheldCents))).toBe(sum(s.fees.map((f) => f.withheldCents)))
      }),
    )
  })

  it('never takes the fee out of the first $550 collected in a fiscal year (42 USC 654(6)(B)(ii))', () => {
    fc.assert(
      fc.property(ledger, ({ terms, entries, asOf }) => {
        const s = replayLedger(terms, entries, asOf)
        const collectedByYear = new Map<number, number>()
        const withheldByYear = new Map<number, number>()
        for (const a of s.allocations) {
          const year = federalFiscalYear(a.postedOn)
          collectedByYear.set(year, (collectedByYear.get(year) ?? 0) + a.amountCents)
          withheldByYear.set(year, (withheldByYear.get(year) ?? 0) + a.feeWithheldCents)
        }
        for (const [year, withheld] of withheldByYear) {
          expect(withheld).toBeLessThanOrEqual(Math.max(0, collectedByYear.get(year)! - 55_000))
        }
        for (const fee of s.fees) expect(collectedByYear.get(fee.fiscalYear)!).toBeGreaterThan(55_000)
      }),
    )
  })
})
