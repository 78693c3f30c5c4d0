// Replays a case's recorded charges, adjustments and payments in date order up to a date, accruing interest on the
// 1st of each month, and returns the statement every channel reads. Pure: the clock is the `asOf` argument.
import { applyCollection, emptyDebts, reduceDebt, totalDebtCents, unpaidPrincipalCents } from './allocation'
import {
  annualServiceFees,
  type AnnualServiceFeeDue,
  collectedInFiscalYearCents,
  type Collection,
  collectionsAboveThreshold,
} from './annualServiceFee'
import { addMonths, federalFiscalYear, monthStart } from '../../agencyTime/calendarDates'
import { distributeParts, passThroughCapCents } from './calworksPassThrough'
import { monthlyInterestCents } from './interest'
import { balancesOf, oldestUnpaidDueOn } from './ledgerBalances'
import { assertCaseTerms, assertEntries, assertIsoDate, compareEntries, entryDate } from './ledgerEntries'
import type {
  AdjustmentEffect,
  AnnualServiceFeeCharge,
  InterestAccrual,
  LedgerStatement,
  PaymentAllocation,
} from './ledgerStatement'
import type {
  AdjustmentEntry,
  CaseTerms,
  Cents,
  ChargeEntry,
  IsoDate,
  OwedTo,
  PaymentEntry,
  RecordedEntry,
} from './ledgerTypes'
import { nextDueFor } from './nextDue'

const PARTIES: readonly OwedTo[] = ['family', 'state']

/** Money a payment brought beyond everything owed, waiting for the next charge (oldest payment used first). */
interface HeldCredit {
  paymentId: number
  cents: Cents
}

/** The working state of one replay; it never escapes `replayLedger`. */
class LedgerReplay {
  readonly debts = emptyDebts()
  readonly allocations = new Map<number, PaymentAllocation>()
  readonly accruals: InterestAccrual[] = []
  readonly adjustments: AdjustmentEffect[] = []
  readonly fees: AnnualServiceFeeCharge[] = []
  credits: HeldCredit[] = []
  private nextAccrualOn: IsoDate | null = null
  private readonly passedThroughByMonth = new Map<IsoDate, Cents>()
  private readonly feesByPayment: Map<number, AnnualServiceFeeDue>
  private readonly feeByFiscalYear = new Map<number, AnnualServiceFeeCharge>()
  /** Per payment, its dollars above the first $550 of its fiscal year not yet used for the fee. */
  private readonly feeRoomByPayment: Map<number, { fiscalYear: number; cents: Cents }>

  constructor(
    private readonly terms: CaseTerms,
    collections: readonly Collection[],
  ) {
    this.feesByPayment = new Map(annualServiceFees(terms.assistanceStatus, collections).map((fee) => [fee.paymentId, fee]))
    this.feeRoomByPayment = new Map(
      collectionsAboveThreshold(collections).map(({ paymentId, fiscalYear, cents }) => [paymentId, { fiscalYear, cents }]),
    )
  }

  record(entry: RecordedEntry): void {
    this.accrueThrough(entryDate(entry))
    if (entry.kind === 'charge') this.charge(entry)
    else if (entry.kind === 'adjustment') this.adjust(entry)
    else this.pay(entry)
  }

  /**
   * Interest is charged on the 1st of each month on all principal then unpaid, before that day's entries: an
   * installment due on the 1st first bears interest on the 1st of the next month, and a debt paid off stops bearing
   * it (CCP 685.010; the state payoff calculator's monthly rate/12). Nothing accrues before the first entry.
   */
  accrueThrough(date: IsoDate): void {
    if (this.nextAccrualOn === null) {
      this.nextAccrualOn = addMonths(monthStart(date), 1)
      return
    }
    while (this.nextAccrualOn <= date) {
      for (const owedTo of PARTIES) {
        const principalCents = unpaidPrincipalCents(this.debts, owedTo)
        const rateBasisPoints = this.terms.interestRateBasisPoints
        const cents = monthlyInterestCents(principalCents, rateBasisPoints)
        if (cents === 0) continue
        this.debts.interestCents[owedTo] += cents
        this.accruals.push({ accruedOn: this.nextAccrualOn, owedTo, principalCents, rateBasisPoints, cents })
      }
      this.nextAccrualOn = addMonths(this.nextAccrualOn, 1)
    }
  }

  private charge(entry: ChargeEntry): void {
    if (entry.amountCents === 0) return
    this.debts.installments.push({
      entryId: entry.id,
      source: 'charge',
      dueOn: entry.dueOn,
      owedTo: entry.owedTo,
      unpaidCents: entry.amountCents,
    })
    this.applyHeldCredit(entry.dueOn)
  }

  private adjust(entry: AdjustmentEntry): void {
    const effect: AdjustmentEffect = {
      adjustmentId: entry.id,
      postedOn: entry.postedOn,
      owedTo: entry.owedTo,
      reason: entry.reason,
      amountCents: entry.amountCents,
      principalChangeCents: 0,
      interestChangeCents: 0,
      unappliedCents: 0,
    }
    this.adjustments.push(effect)
    if (entry.amountCents > 0) {
      // A raise is an arrears judgment, never current support, and bears interest like any installment.
      this.debts.installments.push({
        entryId: entry.id,
        source: 'adjustment',
        dueOn: entry.postedOn,
        owedTo: entry.owedTo,
        unpaidCents: entry.amountCents,
      })
      effect.principalChangeCents = entry.amountCents
      this.applyHeldCredit(entry.postedOn)
    } else if (entry.amountCents < 0) {
      const reduced = reduceDebt(this.debts, entry.owedTo, -entry.amountCents, entry.postedOn)
      // 0 - x rather than -x, so that nothing reduced reads 0 and not -0.
      effect.principalChangeCents = 0 - reduced.principalCents
      effect.interestChangeCents = 0 - reduced.interestCents
      effect.unappliedCents = reduced.unappliedCents
    }
  }

  private pay(entry: PaymentEntry): void {
    this.allocations.set(entry.id, {
      paymentId: entry.id,
      postedOn: entry.postedOn,
      method: entry.method,
      amountCents: entry.amountCents,
      parts: [],
      toFamilyCents: 0,
      toStateCents: 0,
      passThroughCents: 0,
      feeWithheldCents: 0,
      disbursedToFamilyCents: 0,
      unappliedCents: 0,
    })
    const feeDue = this.feesByPayment.get(entry.id)
    if (feeDue) {
      const fee = { ...feeDue, withheldCents: 0 }
      this.fees.push(fee)
      this.feeByFiscalYear.set(fee.fiscalYear, fee)
    }
    const leftover = this.apply(entry.id, entry.amountCents, entry.postedOn, entry.method === 'tax_intercept')
    if (leftover > 0) this.credits.push({ paymentId: entry.id, cents: leftover })
  }

  /** Applies money from one payment and books who receives it; returns what found nothing owed. */
  private apply(paymentId: number, cents: Cents, on: IsoDate, taxRefundOffset: boolean): Cents {
    const allocation = this.allocations.get(paymentId)
    if (!allocation) throw new Error(`No allocation for payment ${paymentId}`)
    const status = this.terms.assistanceStatus
    const { parts, leftoverCents } = applyCollection(this.debts, cents, on, { status, taxRefundOffset })
    const month = monthStart(on)
    const passedThisMonth = this.passedThroughByMonth.get(month) ?? 0
    const distribution = distributeParts(parts, status, passThroughCapCents(this.terms.childrenCount) - passedThisMonth)
    this.passedThroughByMonth.set(month, passedThisMonth + distribution.passThroughCents)
    allocation.parts.push(...parts)
    allocation.toFamilyCents += distribution.toFamilyCents
    allocation.toStateCents += distribution.toStateCents
    allocation.passThroughCents += distribution.passThroughCents
    allocation.feeWithheldCents += this.withholdFee(paymentId, distribution.toFamilyCents)
    return leftoverCents
  }

  /**
   * FC 17208(c), 42 USC 654(6)(B)(ii): the fee comes out of the family's share of a payment, and only out of what the
   * payment brought beyond the first $550 of its fiscal year; what that leaves unpaid comes from the next such
   * dollars of the same year.
   */
  private withholdFee(paymentId: number, familyShareCents: Cents): Cents {
    const room = this.feeRoomByPayment.get(paymentId)
    const fee = room && this.feeByFiscalYear.get(room.fiscalYear)
    if (!room || !fee) return 0
    const take = Math.min(familyShareCents, room.cents, fee.cents - fee.withheldCents)
    room.cents -= take
    fee.withheldCents += take
    return take
  }

  /**
   * Credit held from an overpayment pays a new debt as soon as it is recorded, as if paid that day: support paid
   * ahead counts in the month it falls due, which is also the month whose CalWORKs pass-through it can use.
   */
  private applyHeldCredit(on: IsoDate): void {
    for (const credit of this.credits) {
      if (totalDebtCents(this.debts) === 0) break
      credit.cents = this.apply(credit.paymentId, credit.cents, on, false)
    }
    this.credits = this.credits.filter((credit) => credit.cents > 0)
  }
}

export function replayLedger(terms: CaseTerms, entries: readonly RecordedEntry[], asOf: IsoDate): LedgerStatement {
  assertCaseTerms(terms)
  assertIsoDate(asOf, 'asOf')
  assertEntries(entries)
  const recorded = entries.filter((e) => entryDate(e) <= asOf).sort(compareEntries)
  const payments = recorded.filter((e): e is PaymentEntry => e.kind === 'payment')
  const collections = payments.map((p) => ({ paymentId: p.id, postedOn: p.postedOn, amountCents: p.amountCents }))

  const replay = new LedgerReplay(terms, collections)
  for (const entry of recorded) replay.record(entry)
  replay.accrueThrough(asOf)

  const allocations = [...replay.allocations.values()].map((a) => {
    const appliedCents = a.parts.reduce((sum, part) => sum + part.cents, 0)
    const disbursedToFamilyCents = a.toFamilyCents - a.feeWithheldCents
    return { ...a, unappliedCents: a.amountCents - appliedCents, disbursedToFamilyCents }
  })
  const balances = balancesOf(replay.debts, asOf)
  const creditHeldCents = replay.credits.reduce((sum, c) => sum + c.cents, 0)
  const charges = entries.filter((e): e is ChargeEntry => e.kind === 'charge')
  const last = payments.at(-1)
  const fiscalYear = federalFiscalYear(asOf)
  return {
    asOf,
    interestRateBasisPoints: terms.interestRateBasisPoints,
    balances,
    creditHeldCents,
    oldestUnpaidDueOn: oldestUnpaidDueOn(replay.debts),
    allocations,
    fees: replay.fees,
    interestAccruals: replay.accruals,
    adjustments: replay.adjustments,
    lastPayment: last
      ? { paymentId: last.id, postedOn: last.postedOn, method: last.method, amountCents: last.amountCents }
      : null,
    nextDue: nextDueFor(charges, balances.currentDueCents, creditHeldCents, asOf),
    fiscalYear,
    collectedInFiscalYearCents: collectedInFiscalYearCents(collections, fiscalYear),
  }
}
