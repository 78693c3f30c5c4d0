import {
  annualServiceFees,
  byPostingOrder,
  collectedInFiscalYearCents,
  collectionsAboveThreshold,
} from '../../../server/cases/rules/annualServiceFee'
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import { allocationOf, charge, monthlyCharges, payment, terms } from './ledgerBuilders'

const collection = (paymentId: number, postedOn: string, amountCents: number) => ({ paymentId, postedOn, amountCents })

describe('annual service fee (FC 17208(c); 42 USC 654(6)(B)(ii): never from the first $550)', () => {
  it('is not charged on a payment that brings the fiscal year to exactly $550, only on the next dollars above', () => {
    const exactly = [collection(1, '2024-01-10', 54999), collection(2, '2024-02-10', 1)]
    expect(annualServiceFees('never', exactly)).toEqual([])
    expect(collectionsAboveThreshold(exactly)).toEqual([])
    const fees = annualServiceFees('never', [...exactly, collection(3, '2024-03-10', 1)])
    expect(fees).toEqual([{ fiscalYear: 2024, chargedOn: '2024-03-10', cents: 3500, paymentId: 3 }])
  })

  it('charges once a year even when the year stood at exactly $550 before the next payment', () => {
    const payments = [collection(1, '2024-01-10', 55000), collection(2, '2024-02-10', 100), collection(3, '2024-03-10', 100)]
    expect(annualServiceFees('never', payments).map((f) => f.paymentId)).toEqual([2])
  })

  it('counts only the dollars above $550 of each payment', () => {
    const payments = [
      collection(1, '2024-01-10', 30000),
      collection(2, '2024-02-10', 30000), // 60000: 5000 above
      collection(3, '2024-03-10', 20000), // wholly above
      collection(4, '2024-10-05', 55000), // a new fiscal year: exactly $550, nothing above
      collection(5, '2024-10-06', 1), // one cent above
    ]
    expect(collectionsAboveThreshold(payments)).toEqual([
      { paymentId: 2, fiscalYear: 2024, postedOn: '2024-02-10', cents: 5000 },
      { paymentId: 3, fiscalYear: 2024, postedOn: '2024-03-10', cents: 20000 },
      { paymentId: 5, fiscalYear: 2025, postedOn: '2024-10-06', cents: 1 },
    ])
  })

  it('is not charged below $550', () => {
    expect(annualServiceFees('never', [collection(1, '2024-01-10', 54999)])).toEqual([])
  })

  it('is charged once a fiscal year however much more is collected', () => {
    const payments = [1, 2, 3, 4].map((id) => collection(id, `2024-0${id}-10`, 60000))
    expect(annualServiceFees('never', payments).map((f) => f.paymentId)).toEqual([1])
  })

  it('starts counting again on October 1', () => {
    const fees = annualServiceFees('never', [
      collection(1, '2024-09-30', 30000),
      collection(2, '2024-10-01', 30000),
      collection(3, '2024-10-02', 25001),
    ])
    expect(fees).toEqual([{ fiscalYear: 2025, chargedOn: '2024-10-02', cents: 3500, paymentId: 3 }])
    const acrossTheYearEnd = [collection(1, '2024-09-30', 30000), collection(2, '2024-10-01', 20000)]
    expect(collectedInFiscalYearCents(acrossTheYearEnd, 2025)).toBe(20000)
    expect(collectedInFiscalYearCents(acrossTheYearEnd, 2024)).toBe(30000)
  })

  it('reads collections in posting order, not in id order or the order they arrive in', () => {
    // Ids against the calendar: payment 1 is the later one, so it is payment 2 that crosses $550.
    const fees = annualServiceFees('never', [collection(1, '2024-02-10', 30000), collection(2, '2024-01-10', 30000)])
    expect(fees.map((f) => f.paymentId)).toEqual([1])
    const reversed = annualServiceFees('never', [collection(2, '2024-01-10', 30000), collection(1, '2024-02-10', 30000)])
    expect(reversed).toEqual(fees)
  })

  it('orders payments posted the same day by id', () => {
    const sameDay = [collection(7, '2024-02-10', 30000), collection(3, '2024-02-10', 30000)]
    expect(annualServiceFees('never', sameDay).map((f) => f.paymentId)).toEqual([7])
    expect(byPostingOrder(sameDay[0]!, sameDay[1]!)).toBeGreaterThan(0)
    expect(byPostingOrder(sameDay[1]!, sameDay[0]!)).toBeLessThan(0)
    expect(byPostingOrder(collection(9, '2024-01-01', 1), collection(1, '2024-01-02', 1))).toBeLessThan(0)
    expect(byPostingOrder(collection(1, '2024-01-02', 1), collection(9, '2024-01-01', 1))).toBeGreaterThan(0)
  })

  it('is only for families who never received assistance', () => {
    const payments = [collection(1, '2024-01-10', 100000)]
    expect(annualServiceFees('former', payments)).toEqual([])
    expect(annualServiceFees('current', payments)).toEqual([])
    expect(annualServiceFees('never', payments)).toHaveLength(1)
  })

  it('is withheld from the family, never added to the paying parent\'s balance', () => {
    const entries = [charge(1, '2024-01-01', 60000), payment(11, '2024-01-15', 60000)]
    const statement = replayLedger(terms(), entries, '2024-01-31')
    expect(statement.balances.totalOwedCents).toBe(0)
    expect(allocationOf(statement, 11)).toMatchObject({
      toFamilyCents: 60000,
      feeWithheldCents: 3500,
      disbursedToFamilyCents: 56500,
    })
  })

  it('takes from the crossing payment only its dollars above $550, and the rest from the next payment', () => {
    // $540 pays January. February's $15 takes the year to $555: $5 of it is above $550, so $5 of the fee comes from
    // it and $10 of February reaches the family; the other $30 comes from March's payment.
    const entries = [
      ...monthlyCharges(1, '2024-01-01', 3, 54000),
      payment(11, '2024-01-15', 54000),
      payment(12, '2024-02-15', 1500),
      payment(13, '2024-03-15', 54000),
    ]
    const february = replayLedger(terms({ interestRateBasisPoints: 0 }), entries, '2024-02-29')
    expect(february.fees).toEqual([
      { fiscalYear: 2024, chargedOn: '2024-02-15', cents: 3500, paymentId: 12, withheldCents: 500 },
    ])
    expect(allocationOf(february, 11)).toMatchObject({ feeWithheldCents: 0, disbursedToFamilyCents: 54000 })
    expect(allocationOf(february, 12)).toMatchObject({ feeWithheldCents: 500, disbursedToFamilyCents: 1000 })

    const march = replayLedger(terms({ interestRateBasisPoints: 0 }), entries, '2024-03-31')
    expect(march.fees[0]?.withheldCents).toBe(3500)
    expect(allocationOf(march, 13)).toMatchObject({ feeWithheldCents: 3000, disbursedToFamilyCents: 51000 })
  })

  it('takes nothing from a payment that reaches exactly $550, and the whole fee from the next', () => {
    const entries = [
      ...monthlyCharges(1, '2024-01-01', 2, 55000),
      payment(11, '2024-01-15', 55000),
      payment(12, '2024-02-15', 55000),
    ]
    const january = replayLedger(terms({ interestRateBasisPoints: 0 }), entries, '2024-01-31')
    expect(january.fees).toEqual([])
    expect(allocationOf(january, 11)).toMatchObject({ feeWithheldCents: 0, disbursedToFamilyCents: 55000 })
    const february = replayLedger(terms({ interestRateBasisPoints: 0 }), entries, '2024-02-29')
    expect(february.fees).toEqual([
      { fiscalYear: 2024, chargedOn: '2024-02-15', cents: 3500, paymentId: 12, withheldCents: 3500 },
    ])
    expect(allocationOf(february, 12)).toMatchObject({ feeWithheldCents: 3500, disbursedToFamilyCents: 51500 })
  })

  it('never carries a fee into the next fiscal year\'s first $550', () => {
    // FY 2024 crosses $550 by $5 on Sep 20; nothing more is collected before Oct 1, so $30 of that fee is never
    // withheld. October's $300 is within FY 2025's first $550 and reaches the family whole.
    const entries = [
      ...monthlyCharges(1, '2024-08-01', 3, 30000),
      payment(11, '2024-08-15', 30000),
      payment(12, '2024-09-20', 25500),
      payment(13, '2024-10-15', 30000),
    ]
    const statement = replayLedger(terms({ interestRateBasisPoints: 0 }), entries, '2024-10-31')
    expect(statement.fees).toEqual([
      { fiscalYear: 2024, chargedOn: '2024-09-20', cents: 3500, paymentId: 12, withheldCents: 500 },
    ])
    expect(allocationOf(statement, 13)).toMatchObject({ feeWithheldCents: 0, disbursedToFamilyCents: 30000 })
  })

  it('is withheld when held credit is later paid out to the family', () => {
    const entries = [payment(11, '2024-01-15', 60000), charge(1, '2024-02-01', 20000)]
    const january = replayLedger(terms(), entries, '2024-01-31')
    expect(january.fees[0]).toMatchObject({ paymentId: 11, withheldCents: 0 })
    const february = replayLedger(terms(), entries, '2024-02-01')
    expect(february.fees[0]).toMatchObject({ paymentId: 11, withheldCents: 3500 })
    expect(allocationOf(february, 11)).toMatchObject({
      toFamilyCents: 20000,
      disbursedToFamilyCents: 16500,
      unappliedCents: 40000,
    })
  })
})
