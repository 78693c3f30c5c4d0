import { LedgerInputError } from '../../../server/cases/rules/ledgerEntries'
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import type { RecordedEntry } from '../../../server/cases/rules/ledgerTypes'
import { adjustment, allocationOf, charge, monthlyCharges, payment, terms } from './ledgerBuilders'

describe('replayLedger', () => {
  it('shows nothing owed and nothing next for an empty ledger', () => {
    const statement = replayLedger(terms(), [], '2024-05-01')
    expect(statement.balances.totalOwedCents).toBe(0)
    expect(statement).toMatchObject({
      lastPayment: null,
      nextDue: { kind: 'none' },
      oldestUnpaidDueOn: null,
      allocations: [],
    })
  })

  it('ignores entries after asOf, so the clock alone decides what has happened', () => {
    const entries = [charge(1, '2024-05-01', 30000), payment(11, '2024-05-20', 30000)]
    const before = replayLedger(terms(), entries, '2024-05-19')
    expect(before.balances.currentDueCents).toBe(30000)
    expect(before.lastPayment).toBeNull()
    const after = replayLedger(terms(), entries, '2024-05-20')
    expect(after.balances.currentDueCents).toBe(0)
    expect(after.lastPayment).toEqual({
      paymentId: 11,
      postedOn: '2024-05-20',
      method: 'income_withholding',
      amountCents: 30000,
    })
  })

  it('counts a payment on the 1st toward that day\'s installment as current support', () => {
    const sameDay = [payment(11, '2024-05-01', 30000), charge(1, '2024-05-01', 30000)]
    const statement = replayLedger(terms(), sameDay, '2024-05-01')
    expect(allocationOf(statement, 11).parts.map((p) => p.bucket)).toEqual(['current'])
    expect(statement.creditHeldCents).toBe(0)
  })

  it('adds child and medical support of the month into one current figure', () => {
    const entries = [charge(1, '2024-05-01', 30000), charge(2, '2024-05-01', 5000, 'family', 'medical')]
    const statement = replayLedger(terms(), entries, '2024-05-10')
    expect(statement.balances.currentDueCents).toBe(35000)
    expect(statement.nextDue).toEqual({ kind: 'now', monthStart: '2024-05-01', dueCents: 35000, monthlyCents: 35000 })
  })

  it('shows next month\'s recorded amount when the order changes', () => {
    const entries = [charge(1, '2024-05-01', 30000), charge(2, '2024-06-01', 45000), payment(11, '2024-05-03', 30000)]
    const statement = replayLedger(terms(), entries, '2024-05-10')
    expect(statement.nextDue).toEqual({
      kind: 'next_month',
      dueOn: '2024-06-01',
      monthlyCents: 45000,
      expectedCents: 45000,
    })
  })

  it('turns unpaid current support into arrears when the month turns', () => {
    const entries = monthlyCharges(1, '2024-05-01', 2, 30000)
    expect(replayLedger(terms(), entries, '2024-05-31').balances).toMatchObject({
      currentDueCents: 30000,
      familyArrearsCents: 0,
    })
    expect(replayLedger(terms(), entries, '2024-06-01').balances).toMatchObject({
      currentDueCents: 30000,
      familyArrearsCents: 30000,
    })
  })

  it('books an arrears judgment (a positive adjustment) as arrears that bear interest from the next month', () => {
    const entries = [adjustment(41, '2024-05-15', 'family', 120000, 'court_credit')]
    const may = replayLedger(terms(), entries, '2024-05-31')
    expect(may.balances).toMatchObject({ currentDueCents: 0, familyArrearsCents: 120000, interestCents: 0 })
    expect(replayLedger(terms(), entries, '2024-06-01').balances.familyInterestCents).toBe(1000)
  })

  it('uses held credit on an arrears judgment recorded later', () => {
    const entries = [payment(11, '2024-05-15', 10000), adjustment(41, '2024-06-15', 'family', 25000)]
    const statement = replayLedger(terms(), entries, '2024-06-30')
    expect(statement.balances.familyArrearsCents).toBe(15000)
    expect(allocationOf(statement, 11).parts).toEqual([
      { bucket: 'family_arrears', owedTo: 'family', chargeDueOn: '2024-06-15', cents: 10000, appliedOn: '2024-06-15' },
    ])
  })

  it('writes off a COAP compromise of state arrears without touching the family\'s', () => {
    const entries = [
      charge(1, '2024-01-01', 50000, 'state'),
      charge(2, '2024-01-01', 50000, 'family'),
      adjustment(41, '2024-01-20', 'state', -50000, 'coap_compromise'),
    ]
    const statement = replayLedger(terms({ assistanceStatus: 'former' }), entries, '2024-01-31')
    expect(statement.balances).toMatchObject({ currentDueCents: 50000, totalOwedCents: 50000 })
    expect(statement.adjustments[0]).toMatchObject({ reason: 'coap_compromise', principalChangeCents: -50000 })
  })

  it('gives the same statement whatever order the entries arrive in', () => {
    const entries: RecordedEntry[] = [
      ...monthlyCharges(1, '2024-01-01', 4, 40000, 'state'),
      payment(11, '2024-02-01', 20000),
      payment(12, '2024-02-01', 70000),
      adjustment(41, '2024-02-01', 'state', -1000),
    ]
    const forward = replayLedger(terms({ assistanceStatus: 'current' }), entries, '2024-04-30')
    const backward = replayLedger(terms({ assistanceStatus: 'current' }), [...entries].reverse(), '2024-04-30')
    expect(backward).toEqual(forward)
    expect(forward.allocations.map((a) => a.paymentId)).toEqual([11, 12])
  })

  it('does not change the entries it is given', () => {
    const entries = [payment(11, '2024-02-01', 20000), charge(1, '2024-01-01', 40000)]
    const copy = structuredClone(entries)
    replayLedger(terms(), entries, '2024-04-30')
    expect(entries).toEqual(copy)
  })

  it.each<[string, RecordedEntry[], string]>([
    ['a charge with a bad date', [charge(1, '2024-02-30', 100)], '2024-05-01'],
    ['a negative charge', [charge(1, '2024-02-01', -100)], '2024-05-01'],
    ['a zero payment', [payment(1, '2024-02-01', 0)], '2024-05-01'],
    ['fractional cents', [payment(1, '2024-02-01', 10.5)], '2024-05-01'],
    ['two payments with one id', [payment(1, '2024-02-01', 100), payment(1, '2024-02-02', 100)], '2024-05-01'],
    ['a bad asOf', [], '2024-5-1'],
  ])('refuses %s', (_, entries, asOf) => {
    expect(() => replayLedger(terms(), entries, asOf)).toThrow(LedgerInputError)
  })

  it('refuses impossible case terms', () => {
    expect(() => replayLedger(terms({ interestRateBasisPoints: -1 }), [], '2024-05-01')).toThrow(LedgerInputError)
    expect(() => replayLedger(terms({ childrenCount: 1.5 }), [], '2024-05-01')).toThrow(LedgerInputError)
  })
})
