import { distributeParts, passThroughCapCents } from '../../../server/cases/rules/calworksPassThrough'
import type { AllocationPart } from '../../../server/cases/rules/ledgerStatement'
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import { allocationOf, charge, payment, terms } from './ledgerBuilders'

function part(bucket: AllocationPart['bucket'], owedTo: AllocationPart['owedTo'], cents: number): AllocationPart {
  const chargeDueOn = bucket === 'current' ? '2024-03-01' : '2024-01-01'
  return { bucket, owedTo, chargeDueOn, cents, appliedOn: '2024-03-10' }
}
const stateCurrent = part('current', 'state', 30000)
const stateArrears = part('state_arrears', 'state', 5000)
const familyArrears = part('family_arrears', 'family', 700)

describe('CalWORKs pass-through (FC 17504)', () => {
  it('is $100 for one child and $200 for two or more', () => {
    expect(passThroughCapCents(1)).toBe(10000)
    expect(passThroughCapCents(2)).toBe(20000)
    expect(passThroughCapCents(5)).toBe(20000)
  })

  it('passes only state-assigned current support, up to the room left this month', () => {
    expect(distributeParts([stateCurrent, stateArrears, familyArrears], 'current', 10000)).toEqual({
      toFamilyCents: 10700,
      toStateCents: 25000,
      passThroughCents: 10000,
    })
    expect(distributeParts([stateCurrent], 'current', 0)).toEqual({
      toFamilyCents: 0,
      toStateCents: 30000,
      passThroughCents: 0,
    })
  })

  it('passes nothing through once the family has left CalWORKs', () => {
    expect(distributeParts([stateCurrent], 'former', 10000)).toEqual({
      toFamilyCents: 0,
      toStateCents: 30000,
      passThroughCents: 0,
    })
  })

  it('gives a family with two children twice what one child gets from the same payment', () => {
    const entries = [charge(1, '2024-03-01', 50000, 'state'), payment(11, '2024-03-10', 25000)]
    const one = replayLedger(terms({ assistanceStatus: 'current', childrenCount: 1 }), entries, '2024-03-31')
    const two = replayLedger(terms({ assistanceStatus: 'current', childrenCount: 2 }), entries, '2024-03-31')
    expect(allocationOf(one, 11)).toMatchObject({ passThroughCents: 10000, toFamilyCents: 10000, toStateCents: 15000 })
    expect(allocationOf(two, 11)).toMatchObject({ passThroughCents: 20000, toFamilyCents: 20000, toStateCents: 5000 })
  })

  it('starts again each month', () => {
    const entries = [
      charge(1, '2024-03-01', 50000, 'state'),
      charge(2, '2024-04-01', 50000, 'state'),
      payment(11, '2024-03-10', 50000),
      payment(12, '2024-04-10', 50000),
    ]
    const statement = replayLedger(terms({ assistanceStatus: 'current' }), entries, '2024-04-30')
    expect(allocationOf(statement, 11).passThroughCents).toBe(10000)
    expect(allocationOf(statement, 12).passThroughCents).toBe(10000)
  })

  it('does not pass through money paid on state arrears', () => {
    const entries = [charge(1, '2024-01-01', 50000, 'state'), payment(11, '2024-03-10', 20000)]
    const statement = replayLedger(terms({ assistanceStatus: 'current' }), entries, '2024-03-31')
    expect(allocationOf(statement, 11)).toMatchObject({ passThroughCents: 0, toStateCents: 20000 })
  })

  it('caps two state-owed installments of one month paid by one payment (child and medical) together', () => {
    const child = { ...part('current', 'state', 15000), chargeDueOn: '2024-03-01' }
    const medical = { ...part('current', 'state', 10000), chargeDueOn: '2024-03-01' }
    expect(distributeParts([child, medical], 'current', 20000)).toEqual({
      toFamilyCents: 20000,
      toStateCents: 5000,
      passThroughCents: 20000,
    })
    expect(distributeParts([child, medical], 'current', 10000)).toEqual({
      toFamilyCents: 10000,
      toStateCents: 15000,
      passThroughCents: 10000,
    })
  })

  it('passes $200 at most when one payment pays a month of child and medical support for two children', () => {
    const entries = [
      charge(1, '2024-03-01', 40000, 'state', 'child'),
      charge(2, '2024-03-01', 15000, 'state', 'medical'),
      payment(11, '2024-03-10', 55000),
    ]
    const statement = replayLedger(terms({ assistanceStatus: 'current', childrenCount: 2 }), entries, '2024-03-31')
    expect(allocationOf(statement, 11)).toMatchObject({ passThroughCents: 20000, toFamilyCents: 20000, toStateCents: 35000 })
  })

  it('shares one month\'s cap between the payments of that month', () => {
    const entries = [
      charge(1, '2024-03-01', 50000, 'state'),
      payment(11, '2024-03-05', 6000),
      payment(12, '2024-03-20', 20000),
      payment(13, '2024-03-25', 20000),
    ]
    const statement = replayLedger(terms({ assistanceStatus: 'current', childrenCount: 1 }), entries, '2024-03-31')
    expect([11, 12, 13].map((id) => allocationOf(statement, id).passThroughCents)).toEqual([6000, 4000, 0])
    expect(allocationOf(statement, 12)).toMatchObject({ toFamilyCents: 4000, toStateCents: 16000 })
  })
})
