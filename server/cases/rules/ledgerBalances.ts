// The balance figures every channel shows, read from the debts left after a replay.
import { isCurrentSupport, type OpenDebts } from './allocation'
import type { LedgerBalances } from './ledgerStatement'
import type { IsoDate } from './ledgerTypes'

/**
 * Current support is only this month's installments: "due now" and arrears are different figures that every
 * channel must name apart (CCP 695.211(c): a statement shows current support, arrears and interest due).
 */
export function balancesOf(debts: OpenDebts, asOf: IsoDate): LedgerBalances {
  let currentDueCents = 0
  let familyArrearsCents = 0
  let stateArrearsCents = 0
  for (const installment of debts.installments) {
    if (isCurrentSupport(installment, asOf)) currentDueCents += installment.unpaidCents
    else if (installment.owedTo === 'family') familyArrearsCents += installment.unpaidCents
    else stateArrearsCents += installment.unpaidCents
  }
  const familyInterestCents = debts.interestCents.family
  const stateInterestCents = debts.interestCents.state
  const interestCents = familyInterestCents + stateInterestCents
  return {
    currentDueCents,
    familyArrearsCents,
    stateArrearsCents,
    familyInterestCents,
    stateInterestCents,
    interestCents,
    totalOwedCents: currentDueCents + familyArrearsCents + stateArrearsCents + interestCents,
  }
}

/** The oldest installment still unpaid: the start of any delinquency (e.g. the DMV's 30-days-overdue test). */
export function oldestUnpaidDueOn(debts: OpenDebts): IsoDate | null {
  return debts.installments.reduce<IsoDate | null>(
    (oldest, i) => (oldest === null || i.dueOn < oldest ? i.dueOn : oldest),
    null,
  )
}
