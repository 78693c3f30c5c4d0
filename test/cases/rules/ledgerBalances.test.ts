import type { OpenInstallment } from '../../../server/cases/rules/allocation'
import { balancesOf, oldestUnpaidDueOn } from '../../../server/cases/rules/ledgerBalances'
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import { charge, monthlyCharges, payment, terms } from './ledgerBuilders'

function installment(entryId: number, dueOn: string, unpaidCents: number, owedTo: 'family' | 'state' = 'family'): OpenInstallment {
  return { entryId, source: 'charge', dueOn, owedTo, unpaidCents }
}

describe('oldest unpaid installment (the start of a delinquency: the DMV 30-days-overdue check)', () => {
  it('is the oldest of several unpaid months, whatever order they are held in', () => {
    const installments = [
      installment(2, '2024-02-01', 100),
      installment(1, '2024-01-01', 100),
      installment(4, '2024-04-01', 100),
      installment(3, '2024-03-01', 100, 'state'),
    ]
    expect(oldestUnpaidDueOn({ installments, interestCents: { family: 0, state: 0 } })).toBe('2024-01-01')
    expect(oldestUnpaidDueOn({ installments: [...installments].reverse(), interestCents: { family: 0, state: 0 } })).toBe(
      '2024-01-01',
    )
  })

  it('is null when nothing is unpaid', () => {
    expect(oldestUnpaidDueOn({ installments: [], interestCents: { family: 500, state: 0 } })).toBeNull()
  })

  it('moves to the next month once the oldest is paid, in a replayed ledger', () => {
    const entries = [...monthlyCharges(1, '2024-01-01', 4, 30000)]
    expect(replayLedger(terms(), entries, '2024-04-15').oldestUnpaidDueOn).toBe('2024-01-01')
    // $400 on April 10: April's $300 first (current), then interest, then January's principal, only in part.
    const partly = replayLedger(terms(), [...entries, payment(11, '2024-04-10', 40000)], '2024-04-15')
    expect(partly.oldestUnpaidDueOn).toBe('2024-01-01')
    // Enough for April, the interest and all of January: February is now the oldest unpaid.
    const paid = replayLedger(terms(), [...entries, payment(11, '2024-04-10', 70000)], '2024-04-15')
    expect(paid.balances.familyInterestCents).toBe(0)
    expect(paid.oldestUnpaidDueOn).toBe('2024-02-01')
  })

  it('counts an installment of this month that is not yet paid', () => {
    expect(replayLedger(terms(), [charge(1, '2024-05-01', 100)], '2024-05-02').oldestUnpaidDueOn).toBe('2024-05-01')
  })
})

describe('balances', () => {
  it('name this month\'s support apart from each party\'s arrears and interest', () => {
    const debts = {
      installments: [
        installment(1, '2024-01-01', 1000),
        installment(2, '2024-01-01', 2000, 'state'),
        installment(3, '2024-03-01', 400),
        { ...installment(4, '2024-03-05', 800), source: 'adjustment' as const },
        installment(5, '2024-03-01', 300, 'state'),
      ],
      interestCents: { family: 11, state: 7 },
    }
    expect(balancesOf(debts, '2024-03-20')).toEqual({
      currentDueCents: 700,
      familyArrearsCents: 1800,
      stateArrearsCents: 2000,
      familyInterestCents: 11,
      stateInterestCents: 7,
      interestCents: 18,
      totalOwedCents: 4518,
    })
  })
})
