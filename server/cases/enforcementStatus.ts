// What the agency is doing to collect, and for the paying parent, how to make it stop.
// - Driver's license (FC 17520): a parent more than 30 days behind is put on the list sent to the DMV; only the
//   agency that listed them can release them, once they pay what is past due or agree to a payment plan with it
//   and keep to it (FC 17520(a)(4) "compliance", 17520(h)).
// - No listing at or below 70% of the county median household income (FC 17520.5): see countyMedianIncome.ts.
// - Income withholding: mandatory in every enforced case (42 USC 666(a)(1), 666(b); FC 5230).
// - Tax refund intercept (42 USC 664; FC 17450 and the state's Franchise Tax Board offset).
// The receiving parent sees which actions are under way, never the paying parent's employer or income: a license
// spared for low income reads to them as "not listed".
import type { Viewer } from './caseAccess'
import type { EnforcementRecord, PayerCircumstances } from './caseRepository'
import {
  countyMedianIncome,
  LOW_INCOME_SHARE_PERCENT,
  lowIncomeThresholdCents,
  medianIncomeForHouseholdCents,
} from './countyMedianIncome'
import { type Message, type MessageParam, date, message, money } from './messages'
import type { LedgerBalances } from './rules/ledgerStatement'
import type { Cents, IsoDate } from './rules/ledgerTypes'

export type LicenseStatus = 'not_listed' | 'notice_sent' | 'listed' | 'suspended' | 'released' | 'exempt_low_income'
export type ActionStatus = 'active' | 'ended' | 'none'

export interface LowIncomeTest {
  householdIncomeCents: Cents
  householdSize: number
  countyMedianCents: Cents
  thresholdCents: Cents
  sharePercent: number
  atOrBelowThreshold: boolean
  medianYear: number
  medianSource: string
}

export interface LicenseRelease {
  /** Pay what is past due, or agree a payment plan with the agency and keep to it. */
  ways: Array<'pay_past_due' | 'payment_plan'>
  pastDueCents: Cents
  /** Only the agency holding the case can release the license. */
  releasedBy: { county: string; officeCode: string }
}

export interface DriversLicense {
  status: LicenseStatus
  since: IsoDate | null
  release: LicenseRelease | null
  /** The FC 17520.5 test, in the paying parent's own view (and the agency's) when income is on file. */
  lowIncome: LowIncomeTest | null
}

export interface EnforcementStatus {
  caseId: number
  viewer: Viewer
  asOf: IsoDate
  driversLicense: DriversLicense
  incomeWithholding: { status: ActionStatus; since: IsoDate | null; employerName: string | null }
  taxIntercept: { status: ActionStatus; since: IsoDate | null }
  otherActions: Array<{ kind: 'passport_denial' | 'credit_reporting'; status: ActionStatus; since: IsoDate }>
  explanations: Message[]
}

export interface EnforcementInput {
  caseId: number
  viewer: Viewer
  asOf: IsoDate
  county: string
  officeCode: string
  balances: LedgerBalances
  enforcement: readonly EnforcementRecord[]
  payer: PayerCircumstances | null
}

/** Rows come newest first; the newest row of a kind is its status. */
function latest(records: readonly EnforcementRecord[], kind: EnforcementRecord['kind']): EnforcementRecord | undefined {
  return records.find((r) => r.kind === kind)
}

function actionStatus(record: EnforcementRecord | undefined): ActionStatus {
  if (!record) return 'none'
  return record.status === 'ended' || record.status === 'released' ? 'ended' : 'active'
}

export function lowIncomeTest(county: string, payer: PayerCircumstances | null): LowIncomeTest | null {
  const median = countyMedianIncome(county)
  if (!median || !payer || payer.householdIncomeCents === null) return null
  const householdSize = payer.householdSize ?? 1
  const thresholdCents = lowIncomeThresholdCents(median, householdSize)
  return {
    householdIncomeCents: payer.householdIncomeCents,
    householdSize,
    countyMedianCents: medianIncomeForHouseholdCents(median, householdSize),
    thresholdCents,
    sharePercent: LOW_INCOME_SHARE_PERCENT,
    atOrBelowThreshold: payer.householdIncomeCents <= thresholdCents,
    medianYear: median.year,
    medianSource: median.source,
  }
}

function driversLicense(input: EnforcementInput): DriversLicense {
  const record = latest(input.enforcement, 'drivers_license')
  const ownSide = input.viewer !== 'receiving'
  let status: LicenseStatus = record ? (record.status as LicenseStatus) : 'not_listed'
  if (!['notice_sent', 'listed', 'suspended', 'released', 'exempt_low_income'].includes(status)) status = 'not_listed'
  // The exemption would tell the receiving parent the other parent's income is low: to them it is "not listed".
  if (!ownSide && status === 'exempt_low_income') status = 'not_listed'
  const since = status === 'not_listed' ? null : (record?.statusChangedOn ?? null)
  const b = input.balances
  const onTheList = status === 'notice_sent' || status === 'listed' || status === 'suspended'
  return {
    status,
    since,
    release:
      ownSide && onTheList
        ? {
            ways: ['pay_past_due', 'payment_plan'],
            pastDueCents: b.familyArrearsCents + b.stateArrearsCents + b.interestCents,
            releasedBy: { county: input.county, officeCode: input.officeCode },
          }
        : null,
    lowIncome: ownSide ? lowIncomeTest(input.county, input.payer) : null,
  }
}

/**
 * Sentences for the paying parent speak to "you"; the receiving parent and staff read the same facts about "the
 * paying parent", so each key exists under `own` and `payer`.
 */
function explanations(result: Omit<EnforcementStatus, 'explanations'>): Message[] {
  const voice = result.viewer === 'paying' ? 'cases:enforcement.own' : 'cases:enforcement.payer'
  const notes: Message[] = []
  const license = result.driversLicense
  const since: Record<string, MessageParam> = license.since ? { since: date(license.since) } : {}
  notes.push(message(`${voice}.license.${license.status}`, since))
  if (license.release) {
    notes.push(message(`${voice}.howToRelease`, { pastDue: money(license.release.pastDueCents) }))
  }
  const test = license.lowIncome
  if (test && (license.status === 'notice_sent' || license.status === 'listed' || license.status === 'suspended')) {
    const key = test.atOrBelowThreshold ? 'lowIncomeMayQualify' : 'lowIncomeAbove'
    notes.push(message(`${voice}.${key}`, { threshold: money(test.thresholdCents) }))
  }
  notes.push(message(`${voice}.withholding.${result.incomeWithholding.status}`))
  notes.push(message(`${voice}.taxIntercept.${result.taxIntercept.status}`))
  return notes
}

export function enforcementStatus(input: EnforcementInput): EnforcementStatus {
  const withholding = latest(input.enforcement, 'income_withholding')
  const intercept = latest(input.enforcement, 'tax_intercept')
  const otherKinds = ['passport_denial', 'credit_reporting'] as const
  const result = {
    caseId: input.caseId,
    viewer: input.viewer,
    asOf: input.asOf,
    driversLicense: driversLicense(input),
    incomeWithholding: {
      status: actionStatus(withholding),
      since: withholding?.statusChangedOn ?? null,
      employerName: input.viewer !== 'receiving' && actionStatus(withholding) === 'active' ? (withholding?.employerName ?? null) : null,
    },
    taxIntercept: { status: actionStatus(intercept), since: intercept?.statusChangedOn ?? null },
    otherActions: otherKinds.flatMap((kind) => {
      const record = latest(input.enforcement, kind)
      return record ? [{ kind, status: actionStatus(record), since: record.statusChangedOn }] : []
    }),
  }
  return { ...result, explanations: explanations(result) }
}
