import { annualServiceFees, collectedInFiscalYearCents } from '../../../server/cases/rules/annualServiceFee'
import { replayLedger } from '../../../server/cases/rules/ledgerReplay'
import { allocationOf, charge, monthlyCharges, payment, terms } from './ledgerBuilders'

const collection = (paymentId: number, postedOn: string, amountCents: number) => ({ paymentId, postedOn, amountCents })

describe('annual service fee (FC 17208(c))', () => {
  it('is charged on the payment that brings the fiscal year to exactly $550', () => {
    const fees = annualServiceFees('never', [collection(1, '2024-01-10', 54999), collection(2, '2024-02-10', 1)])
    expect(fees).toEqual([{ fiscalYear: 2024, chargedOn: '2024-02-10', cents: 3500, paymentId: 2 }])
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
      collection(3, '2024-10-02', 25000),
    ])
    expect(fees).toEqual([{ fiscalYear: 2025, chargedOn: '2024-10-02', cents: 3500, paymentId: 3 }])
    const acrossTheYearEnd = [collection(1, '2024-09-30', 30000), collection(2, '2024-10-01', 30000)]
    expect(collectedInFiscalYearCents(acrossTheYearEnd, 2025)).toBe(30000)
  })

  it('reads collections in posting order whatever order they arrive in', () => {
    const fees = annualServiceFees('never', [collection(2, '2024-02-10', 30000), collection(1, '2024-01-10', 30000)])
    expect(fees.map((f) => f.paymentId)).toEqual([2])
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

  it('waits for the next disbursement when the crossing payment gives the family less than $35', () => {
    // $540 pays January; the $15 that crosses $550 pays February; the other $20 comes from March's payment.
    const entries = [
      ...monthlyCharges(1, '2024-01-01', 3, 54000),
      payment(11, '2024-01-15', 54000),
      payment(12, '2024-02-15', 1500),
      payment(13, '2024-03-15', 54000),
    ]
    const february = replayLedger(terms({ interestRateBasisPoints: 0 }), entries, '2024-02-29')
    expect(february.fees).toEqual([
      { fiscalYear: 2024, chargedOn: '2024-02-15', cents: 3500, paymentId: 12, withheldCents: 1500 },
    ])
    expect(allocationOf(february, 12)).toMatchObject({ feeWithheldCents: 1500, disbursedToFamilyCents: 0 })

    const march = replayLedger(terms({ interestRateBasisPoints: 0 }), entries, '2024-03-31')
    expect(march.fees[0]?.withheldCents).toBe(3500)
    expect(allocationOf(march, 13)).toMatchObject({ feeWithheldCents: 2000, disbursedToFamilyCents: 52000 })
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
