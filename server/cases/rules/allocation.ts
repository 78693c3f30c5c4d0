// The order in which collected money pays what is owed (CCP 695.221; federal distribution, 42 USC 657).
import { isSameMonth } from '../../agencyTime/calendarDates'
import type { AllocationPart } from './ledgerStatement'
import type { AssistanceStatus, Cents, IsoDate, OwedTo } from './ledgerTypes'

/** An installment (or an arrears judgment raised by an adjustment) with principal still unpaid. */
export interface OpenInstallment {
  entryId: number
  source: 'charge' | 'adjustment'
  dueOn: IsoDate
  owedTo: OwedTo
  unpaidCents: Cents
}

/** What the paying parent owes at one moment of a replay. Installments are kept oldest first. */
export interface OpenDebts {
  installments: OpenInstallment[]
  interestCents: Record<OwedTo, Cents>
}

export function emptyDebts(): OpenDebts {
  return { installments: [], interestCents: { family: 0, state: 0 } }
}

/** Only a monthly charge of the month being paid counts as current support; an arrears judgment never does. */
export function isCurrentSupport(installment: OpenInstallment, on: IsoDate): boolean {
  return installment.source === 'charge' && isSameMonth(installment.dueOn, on)
}

export function unpaidPrincipalCents(debts: OpenDebts, owedTo: OwedTo): Cents {
  return debts.installments.reduce((sum, i) => (i.owedTo === owedTo ? sum + i.unpaidCents : sum), 0)
}

export function totalDebtCents(debts: OpenDebts): Cents {
  return (
    unpaidPrincipalCents(debts, 'family') +
    unpaidPrincipalCents(debts, 'state') +
    debts.interestCents.family +
    debts.interestCents.state
  )
}

/**
 * Whose arrears are paid first once current support is paid.
 * - former: the family before the state ("family first", AB 135, Stats. 2021; 42 USC 657(a)(2)(B)).
 * - current: while the family receives CalWORKs, collections repay the assistance first (42 USC 657(a)(1)).
 * - never: nothing is assigned to the state, so only the family should be owed; it comes first either way.
 */
export function arrearsPayeeOrder(status: AssistanceStatus): readonly OwedTo[] {
  return status === 'current' ? ['state', 'family'] : ['family', 'state']
}

export interface AppliedCollection {
  parts: AllocationPart[]
  leftoverCents: Cents
}

export interface CollectionSource {
  status: AssistanceStatus
  /** Money from a tax refund offset (CCP 695.221(d)). */
  taxRefundOffset: boolean
}

/**
 * Applies `cents` collected on `on` to `debts` (mutated: this is the working state of one replay).
 * CCP 695.221: the current month's support first, then interest, then principal, oldest installment first;
 * the arrears of each party in `arrearsPayeeOrder` are paid in full (interest, then principal) before the next's.
 * A tax refund offset pays past-due support assigned to the state before all of that (CCP 695.221(d)).
 */
export function applyCollection(
  debts: OpenDebts,
  cents: Cents,
  on: IsoDate,
  { status, taxRefundOffset }: CollectionSource,
): AppliedCollection {
  const parts: AllocationPart[] = []
  let left = cents

  const payInstallment = (installment: OpenInstallment, bucket: AllocationPart['bucket']): void => {
    const paid = Math.min(left, installment.unpaidCents)
    if (paid === 0) return
    installment.unpaidCents -= paid
    left -= paid
    parts.push({ bucket, owedTo: installment.owedTo, chargeDueOn: installment.dueOn, cents: paid, appliedOn: on })
  }

  if (taxRefundOffset) {
    for (const installment of debts.installments) {
      if (installment.owedTo === 'state' && !isCurrentSupport(installment, on)) {
        payInstallment(installment, 'state_arrears')
      }
    }
  }
  for (const installment of debts.installments) {
    if (isCurrentSupport(installment, on)) payInstallment(installment, 'current')
  }
  for (const owedTo of arrearsPayeeOrder(status)) {
    const interestPaid = Math.min(left, debts.interestCents[owedTo])
    if (interestPaid > 0) {
      debts.interestCents[owedTo] -= interestPaid
      left -= interestPaid
      parts.push({ bucket: 'interest', owedTo, cents: interestPaid, appliedOn: on })
    }
    for (const installment of debts.installments) {
      if (installment.owedTo === owedTo && !isCurrentSupport(installment, on)) {
        payInstallment(installment, owedTo === 'family' ? 'family_arrears' : 'state_arrears')
      }
    }
  }
  debts.installments = debts.installments.filter((i) => i.unpaidCents > 0)
  return { parts, leftoverCents: left }
}

/**
 * Lowers one party's debt by `cents` (a write-off, compromise or credit) as of `on`: arrears principal oldest first,
 * then that party's interest, because a write-off of a whole balance is recorded as one figure; this month's
 * support last, since it is not yet arrears. Returns what each absorbed and what found nothing to reduce.
 */
export function reduceDebt(
  debts: OpenDebts,
  owedTo: OwedTo,
  cents: Cents,
  on: IsoDate,
): { principalCents: Cents; interestCents: Cents; unappliedCents: Cents } {
  let left = cents
  const cut = (installment: OpenInstallment): void => {
    const taken = Math.min(left, installment.unpaidCents)
    installment.unpaidCents -= taken
    left -= taken
  }
  const ofParty = debts.installments.filter((i) => i.owedTo === owedTo)
  ofParty.filter((i) => !isCurrentSupport(i, on)).forEach(cut)
  const interestCents = Math.min(left, debts.interestCents[owedTo])
  debts.interestCents[owedTo] -= interestCents
  left -= interestCents
  ofParty.filter((i) => isCurrentSupport(i, on)).forEach(cut)
  debts.installments = debts.installments.filter((i) => i.unpaidCents > 0)
  return { principalCents: cents - interestCents - left, interestCents, unappliedCents: left }
}
