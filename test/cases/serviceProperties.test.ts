// Properties of what the service builds on top of the ledger engine, over random ledgers (fast-check).
import fc from 'fast-check'

import type { CaseView, Viewer } from '../../server/cases/caseAccess'
import { caseAlerts } from '../../server/cases/caseAlerts'
import type { CaseFacts } from '../../server/cases/caseFacts'
import { caseSituation } from '../../server/cases/caseSituation'
import { caseSummary } from '../../server/cases/caseSummaries'
import { SACRAMENTO_COUNTY_MEDIAN_INCOME, lowIncomeThresholdCents } from '../../server/cases/countyMedianIncome'
import { nextSteps } from '../../server/cases/nextSteps'
import { explainPayment } from '../../server/cases/paymentExplanation'
import { historyTotals } from '../../server/cases/paymentHistory'
import { addMonths } from '../../server/agencyTime/calendarDates'
import { replayLedger } from '../../server/cases/rules/ledgerReplay'
import type { AssistanceStatus, RecordedEntry } from '../../server/cases/rules/ledgerTypes'
import { untranslatedMessages } from './helpers/messageCatalog'

const asOf = '2026-03-10'

const ledgerArbitrary = fc.record({
  assistance: fc.constantFrom<AssistanceStatus>('never', 'former', 'current'),
  children: fc.integer({ min: 1, max: 3 }),
  months: fc.integer({ min: 1, max: 30 }),
  monthlyCents: fc.integer({ min: 0, max: 200_000 }),
  stateMonths: fc.integer({ min: 0, max: 30 }),
  payments: fc.array(fc.record({ monthOffset: fc.integer({ min: 0, max: 30 }), day: fc.integer({ min: 1, max: 28 }), cents: fc.integer({ min: 1, max: 400_000 }) }), { maxLength: 30 }),
  viewer: fc.constantFrom<Viewer>('paying', 'receiving', 'agency'),
})

type LedgerCase = typeof ledgerArbitrary extends fc.Arbitrary<infer T> ? T : never

function factsOf(c: LedgerCase): CaseFacts {
  const first = addMonths('2026-03-01', -(c.months - 1))
  let id = 0
  const entries: RecordedEntry[] = []
  for (let m = 0; m < c.months; m++) {
    entries.push({ kind: 'charge', id: ++id, dueOn: addMonths(first, m), orderKind: 'child', amountCents: c.monthlyCents, owedTo: m < c.stateMonths && c.assistance !== 'never' ? 'state' : 'family' })
  }
  for (const p of c.payments) {
    const month = addMonths(first, Math.min(p.monthOffset, c.months - 1))
    const postedOn = `${month.slice(0, 8)}${String(p.day).padStart(2, '0')}`
    if (postedOn <= asOf) entries.push({ kind: 'payment', id: ++id, postedOn, method: 'sdu_online', amountCents: p.cents })
  }
  const terms = { interestRateBasisPoints: 1000, assistanceStatus: c.assistance, childrenCount: c.children }
  const view: CaseView = {
    caseId: 1, viewer: c.viewer, participantId: c.viewer === 'agency' ? null : 10,
    record: {
      id: 1, caseNumber: '340000000001', county: 'Sacramento', status: 'open', assistanceStatus: c.assistance,
      processingStage: 'enforcement', interestRateBasisPoints: 1000, interestRateBasis: 'statutory', officeCode: 'SAC01',
      enforcementEndedReason: null, openedOn: first,
    },
  }
  return {
    view, today: asOf, now: '2026-03-10T18:00:00.000Z',
    parties: { payingParticipantId: 10, receivingParticipantId: 11, childrenCount: c.children, payerOnActiveDuty: false },
    orders: [{ kind: 'child', monthlyCents: c.monthlyCents, effectiveFrom: first, effectiveTo: null }],
    ledger: [], statement: replayLedger(terms, entries, asOf), interestRate: { basisPoints: 1000, basis: 'statutory' },
    disbursements: [], enforcement: [], events: [],
    payer: c.viewer === 'receiving' ? null : { householdIncomeCents: null, householdSize: null, releasedFromIncarcerationOn: null, activeMilitary: false },
  }
}

describe('service properties', () => {
  it('accounts for every cent of every payment, on every side', () => {
    fc.assert(
      fc.property(ledgerArbitrary, (c) => {
        const facts = factsOf(c)
        for (const allocation of facts.statement.allocations) {
          const explained = explainPayment(facts, allocation.paymentId)
          const applied = explained.parts.reduce((sum, p) => sum + p.cents, 0)
          expect(applied + explained.creditHeldCents).toBe(explained.amountCents)
          expect(explained.parts.every((p) => p.cents > 0)).toBe(true)
          if (c.viewer === 'paying') {
            expect(explained.family).toBeNull()
          } else {
            const family = explained.family!
            expect(family.toFamilyCents + family.toStateCents).toBe(applied)
            expect(family.disbursedCents).toBe(family.toFamilyCents - family.feeWithheldCents)
            // FC 17504's cap is per month; money held as credit and applied in a later month passes through in that month.
            const monthsApplied = new Set(explained.parts.map((p) => p.appliedOn.slice(0, 7))).size
            expect(family.passThroughCents).toBeLessThanOrEqual((c.children >= 2 ? 20_000 : 10_000) * Math.max(1, monthsApplied))
            expect(family.disbursedCents).toBeGreaterThanOrEqual(0)
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('keeps each side to its own half of the summary and steps, in translated words', () => {
    fc.assert(
      fc.property(ledgerArbitrary, (c) => {
        const facts = factsOf(c)
        const summary = caseSummary(facts)
        expect(summary.paying === null).toBe(c.viewer === 'receiving')
        expect(summary.receiving === null).toBe(c.viewer === 'paying')
        const b = summary.balances
        expect(b.currentDueCents + b.familyArrearsCents + b.stateArrearsCents + b.interestCents).toBe(b.totalOwedCents)
        const situation = caseSituation(facts)
        const steps = nextSteps(situation)
        expect(steps.at(-1)!.kind).toBe('contact_us')
        if (c.viewer === 'receiving') expect(steps.every((s) => s.audience !== 'paying')).toBe(true)
        if (c.viewer === 'paying') expect(steps.every((s) => s.audience !== 'receiving')).toBe(true)
        expect(untranslatedMessages([summary, steps, caseAlerts(situation)])).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  it('adds months and years up to the same totals', () => {
    const row = fc.record({
      month: fc.tuple(fc.integer({ min: 2015, max: 2026 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      kind: fc.constantFrom('payment' as const, 'disbursement' as const, 'fee' as const),
      cents: fc.integer({ min: 0, max: 10_000_000 }),
      entries: fc.integer({ min: 1, max: 40 }),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const { months, years, totals } = historyTotals(rows)
        for (const field of ['paymentsCents', 'paymentCount', 'disbursementsCents', 'disbursementCount', 'feesCents'] as const) {
          expect(months.reduce((s, m) => s + m[field], 0)).toBe(totals[field])
          expect(years.reduce((s, y) => s + y[field], 0)).toBe(totals[field])
        }
        expect(months.map((m) => m.month)).toEqual([...new Set(rows.map((r) => r.month))].sort())
      }),
    )
  })

  it('never lowers the low-income line as a household grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (size) => {
        expect(lowIncomeThresholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, size + 1)).toBeGreaterThan(
          lowIncomeThresholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, size),
        )
      }),
    )
  })
})
