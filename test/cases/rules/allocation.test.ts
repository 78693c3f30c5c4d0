import {
  applyCollection,
  arrearsPayeeOrder,
  reduceDebt,
  type OpenDebts,
  type OpenInstallment,
} from '../../../server/cases/rules/allocation'
import type { IsoDate, OwedTo } from '../../../server/cases/rules/ledgerTypes'

function installment(entryId: number, dueOn: IsoDate, unpaidCents: number, owedTo: OwedTo = 'family'): OpenInstallment {
  return { entryId, source: 'charge', dueOn, owedTo, unpaidCents }
}

/** Family and state each owe a past installment and interest; March's installment is current. */
function mixedDebts(): OpenDebts {
  return {
    installments: [
      installment(1, '2024-01-01', 10000, 'state'),
      installment(2, '2024-02-01', 10000, 'family'),
      installment(3, '2024-03-01', 10000, 'family'),
    ],
    interestCents: { family: 300, state: 200 },
  }
}

const never = { status: 'never', taxRefundOffset: false } as const
const former = { status: 'former', taxRefundOffset: false } as const
const current = { status: 'current', taxRefundOffset: false } as const

describe('applyCollection (CCP 695.221)', () => {
  it('pays the current month first, even when older debts are unpaid', () => {
    const { parts } = applyCollection(mixedDebts(), 10000, '2024-03-15', former)
    expect(parts).toEqual([
      { bucket: 'current', owedTo: 'family', chargeDueOn: '2024-03-01', cents: 10000, appliedOn: '2024-03-15' },
    ])
  })

  it('treats last month\'s installment as arrears once the month has turned', () => {
    const debts = mixedDebts()
    const { parts } = applyCollection(debts, 30000, '2024-04-02', former)
    expect(parts.map((p) => [p.bucket, p.chargeDueOn, p.cents])).toEqual([
      ['interest', undefined, 300],
      ['family_arrears', '2024-02-01', 10000],
      ['family_arrears', '2024-03-01', 10000],
      ['interest', undefined, 200],
      ['state_arrears', '2024-01-01', 9500],
    ])
    expect(debts.installments).toEqual([installment(1, '2024-01-01', 500, 'state')])
  })

  it('pays a former-assistance family\'s interest and arrears before the state\'s (AB 135)', () => {
    const { parts } = applyCollection(mixedDebts(), 20000, '2024-03-20', former)
    expect(parts.map((p) => [p.bucket, p.owedTo, p.cents])).toEqual([
      ['current', 'family', 10000],
      ['interest', 'family', 300],
      ['family_arrears', 'family', 9700],
    ])
  })

  it('repays assistance first while the family is on CalWORKs', () => {
    expect(arrearsPayeeOrder('current')).toEqual(['state', 'family'])
    const { parts } = applyCollection(mixedDebts(), 20000, '2024-03-20', current)
    expect(parts.map((p) => [p.bucket, p.owedTo, p.cents])).toEqual([
      ['current', 'family', 10000],
      ['interest', 'state', 200],
      ['state_arrears', 'state', 9800],
    ])
  })

  it('sends a tax refund offset to state arrears before current support', () => {
    const { parts } = applyCollection(mixedDebts(), 12000, '2024-03-20', { status: 'former', taxRefundOffset: true })
    expect(parts.map((p) => [p.bucket, p.owedTo, p.cents])).toEqual([
      ['state_arrears', 'state', 10000],
      ['current', 'family', 2000],
    ])
  })

  it('returns what found nothing owed and leaves no paid installment behind', () => {
    const debts = mixedDebts()
    const { parts, leftoverCents } = applyCollection(debts, 50000, '2024-03-20', never)
    expect(parts.reduce((sum, p) => sum + p.cents, 0)).toBe(30500)
    expect(leftoverCents).toBe(19500)
    expect(debts).toEqual({ installments: [], interestCents: { family: 0, state: 0 } })
  })
})

describe('reduceDebt', () => {
  it('lowers one party\'s arrears oldest first, then its interest, and reports the excess', () => {
    const debts = mixedDebts()
    const april = '2024-04-10'
    expect(reduceDebt(debts, 'family', 15000, april)).toEqual({
      principalCents: 15000,
      interestCents: 0,
      unappliedCents: 0,
    })
    expect(debts.installments.map((i) => [i.dueOn, i.unpaidCents])).toEqual([
      ['2024-01-01', 10000],
      ['2024-03-01', 5000],
    ])
    expect(reduceDebt(debts, 'state', 10500, april)).toEqual({
      principalCents: 10000,
      interestCents: 200,
      unappliedCents: 300,
    })
    expect(debts.interestCents).toEqual({ family: 300, state: 0 })
  })

  it('reaches this month\'s support only after the arrears and interest', () => {
    const debts = mixedDebts()
    // In March, the family owes February's 10000 in arrears, 300 interest and March's 10000 current support.
    expect(reduceDebt(debts, 'family', 10300, '2024-03-20')).toEqual({
      principalCents: 10000,
      interestCents: 300,
      unappliedCents: 0,
    })
    expect(debts.installments.map((i) => [i.dueOn, i.owedTo, i.unpaidCents])).toEqual([
      ['2024-01-01', 'state', 10000],
      ['2024-03-01', 'family', 10000],
    ])
    expect(reduceDebt(debts, 'family', 2500, '2024-03-20')).toEqual({
      principalCents: 2500,
      interestCents: 0,
      unappliedCents: 0,
    })
  })
})
