import type { EnforcementRecord, PayerCircumstances } from '../../server/cases/caseRepository'
import {
  SACRAMENTO_COUNTY_MEDIAN_INCOME,
  countyMedianIncome,
  lowIncomeThresholdCents,
  medianIncomeForHouseholdCents,
} from '../../server/cases/countyMedianIncome'
import { type EnforcementInput, enforcementStatus } from '../../server/cases/enforcementStatus'
import { untranslatedMessages } from './helpers/messageCatalog'

const balances = {
  currentDueCents: 52_000, familyArrearsCents: 700_000, stateArrearsCents: 100_000, familyInterestCents: 30_000,
  stateInterestCents: 5_000, interestCents: 35_000, totalOwedCents: 887_000,
}

function record(overrides: Partial<EnforcementRecord> & Pick<EnforcementRecord, 'kind' | 'status'>): EnforcementRecord {
  return { startedOn: '2025-09-01', statusChangedOn: '2026-02-18', employerName: null, ...overrides }
}

function payer(incomeDollars: number | null, size: number | null = 1): PayerCircumstances {
  return { householdIncomeCents: incomeDollars === null ? null : incomeDollars * 100, householdSize: size, releasedFromIncarcerationOn: null, activeMilitary: false }
}

function input(overrides: Partial<EnforcementInput> = {}): EnforcementInput {
  return {
    caseId: 7, viewer: 'paying', asOf: '2026-03-10', county: 'Sacramento', officeCode: 'SAC01', balances,
    enforcement: [], payer: payer(null), ...overrides,
  }
}

describe('county median income (FC 17520.5)', () => {
  it('is HCD’s 2023 Sacramento figure, whose published one-person median is $79,750', () => {
    expect(countyMedianIncome(' sacramento ')).toBe(SACRAMENTO_COUNTY_MEDIAN_INCOME)
    expect(countyMedianIncome('Alpine')).toBeNull()
    expect(medianIncomeForHouseholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, 1)).toBe(7_975_000)
    expect(medianIncomeForHouseholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, 4)).toBe(11_390_000)
    // 113,900 × 108% = 123,012 → rounded up to $50: 123,050.
    expect(medianIncomeForHouseholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, 5)).toBe(12_305_000)
    // 9 people: 132% + 8% = 140%: 159,460 → 159,500.
    expect(medianIncomeForHouseholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, 9)).toBe(15_950_000)
  })

  it('puts the line at 70% of the median for the household size', () => {
    // 70% of $79,750 = $55,825; three people: 90% of 113,900 = 102,510 → 102,550; 70% = 71,785.
    expect(lowIncomeThresholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, 1)).toBe(5_582_500)
    expect(lowIncomeThresholdCents(SACRAMENTO_COUNTY_MEDIAN_INCOME, 3)).toBe(7_178_500)
  })
})

describe('enforcement status', () => {
  it('reads a case with no actions as nothing under way', () => {
    const status = enforcementStatus(input())
    expect(status.driversLicense).toEqual({ status: 'not_listed', since: null, release: null, lowIncome: null })
    expect(status.incomeWithholding).toEqual({ status: 'none', since: null, employerName: null })
    expect(status.taxIntercept).toEqual({ status: 'none', since: null })
    expect(status.otherActions).toEqual([])
  })

  it('gives a suspended parent the way to release: pay what is past due or a plan, only with this agency (FC 17520)', () => {
    const status = enforcementStatus(input({ enforcement: [record({ kind: 'drivers_license', status: 'suspended' })] }))
    expect(status.driversLicense.status).toBe('suspended')
    expect(status.driversLicense.since).toBe('2026-02-18')
    // 700,000 + 100,000 + 35,000: arrears and interest; this month's support is not past due.
    expect(status.driversLicense.release).toEqual({
      ways: ['pay_past_due', 'payment_plan'], pastDueCents: 835_000, releasedBy: { county: 'Sacramento', officeCode: 'SAC01' },
    })
    expect(status.explanations.map((m) => m.key)).toEqual([
      'cases:enforcement.own.license.suspended',
      'cases:enforcement.own.howToRelease',
      'cases:enforcement.own.withholding.none',
      'cases:enforcement.own.taxIntercept.none',
    ])
  })

  it('compares household income with 70% of the county median, "at or below" included', () => {
    const listed = [record({ kind: 'drivers_license', status: 'listed' })]
    const atLine = enforcementStatus(input({ enforcement: listed, payer: payer(55_825) })).driversLicense.lowIncome!
    expect(atLine).toMatchObject({ thresholdCents: 5_582_500, countyMedianCents: 7_975_000, atOrBelowThreshold: true, medianYear: 2023 })
    const above = enforcementStatus(input({ enforcement: listed, payer: payer(55_826) }))
    expect(above.driversLicense.lowIncome!.atOrBelowThreshold).toBe(false)
    expect(above.explanations.map((m) => m.key)).toContain('cases:enforcement.own.lowIncomeAbove')
    const below = enforcementStatus(input({ enforcement: listed, payer: payer(29_400, 3) }))
    expect(below.explanations).toContainEqual({ key: 'cases:enforcement.own.lowIncomeMayQualify', params: { threshold: { money: 7_178_500 } } })
  })

  it('cannot test income it does not have, or in a county without a median on file', () => {
    expect(enforcementStatus(input({ payer: payer(null) })).driversLicense.lowIncome).toBeNull()
    expect(enforcementStatus(input({ payer: payer(10_000), county: 'Alpine' })).driversLicense.lowIncome).toBeNull()
  })

  it('takes the newest row of each kind as its status', () => {
    const status = enforcementStatus(
      input({
        enforcement: [
          record({ kind: 'income_withholding', status: 'active', statusChangedOn: '2026-01-29', employerName: 'Delta Freight' }),
          record({ kind: 'income_withholding', status: 'ended', statusChangedOn: '2024-05-01', employerName: 'Old Job' }),
          record({ kind: 'tax_intercept', status: 'active', statusChangedOn: '2025-02-03' }),
          record({ kind: 'credit_reporting', status: 'active', statusChangedOn: '2025-05-01' }),
        ],
      }),
    )
    expect(status.incomeWithholding).toEqual({ status: 'active', since: '2026-01-29', employerName: 'Delta Freight' })
    expect(status.taxIntercept).toEqual({ status: 'active', since: '2025-02-03' })
    expect(status.otherActions).toEqual([{ kind: 'credit_reporting', status: 'active', since: '2025-05-01' }])
  })

  it('shows the receiving parent the actions but not the employer, the income test, the release path or the exemption', () => {
    const enforcement = [
      record({ kind: 'drivers_license', status: 'exempt_low_income' }),
      record({ kind: 'income_withholding', status: 'active', employerName: 'Delta Freight' }),
    ]
    const status = enforcementStatus(input({ viewer: 'receiving', enforcement, payer: payer(20_000) }))
    expect(status.driversLicense).toEqual({ status: 'not_listed', since: null, release: null, lowIncome: null })
    expect(status.incomeWithholding.employerName).toBeNull()
    expect(JSON.stringify(status)).not.toContain('Delta Freight')
    expect(status.explanations[0]!.key).toBe('cases:enforcement.payer.license.not_listed')
    const suspended = enforcementStatus(input({ viewer: 'receiving', enforcement: [record({ kind: 'drivers_license', status: 'suspended' })] }))
    expect(suspended.driversLicense.release).toBeNull()
  })

  it('uses only translated keys for every status in both voices', () => {
    const results = (['paying', 'receiving', 'agency'] as const).flatMap((viewer) =>
      (['notice_sent', 'listed', 'suspended', 'released', 'exempt_low_income'] as const).flatMap((status) =>
        [payer(10_000), payer(900_000), payer(null)].map((p) =>
          enforcementStatus(input({
            viewer, payer: p,
            enforcement: [
              record({ kind: 'drivers_license', status }),
              record({ kind: 'income_withholding', status: status === 'released' ? 'ended' : 'active' }),
              record({ kind: 'tax_intercept', status: 'ended' }),
            ],
          })),
        ),
      ),
    )
    expect(untranslatedMessages([results, enforcementStatus(input()), enforcementStatus(input({ viewer: 'agency' }))])).toEqual([])
  })
})
