// The income test of Family Code 17520.5 (SB 1055, 2022; operative January 1, 2025): the agency does not list a
// paying parent with the DMV for a driver's license suspension when their annual household income is at or below
// 70 percent of the median income of the county where they are believed to live, "based on the most recent
// available data published by the Department of Housing and Community Development" (HCD's State Income Limits,
// 25 CCR 6932). From 2027 the rule covers only noncommercial licenses (FC 17520.5(a)(2)).
import type { Cents } from './rules/ledgerTypes'

export const LOW_INCOME_SHARE_PERCENT = 70

export interface CountyMedianIncome {
  county: string
  /** HCD's area median income for a household of four, in cents. */
  fourPersonMedianCents: Cents
  year: number
  source: string
}

/**
 * Sacramento County, HCD 2023 State Income Limits: area median income $113,900 for four people (the published
 * one-person median, $79,750, is that figure × 70% rounded up to $50). Replace with HCD's newest table each spring:
 * the statute asks for the most recent data.
 */
export const SACRAMENTO_COUNTY_MEDIAN_INCOME: CountyMedianIncome = {
  county: 'Sacramento',
  fourPersonMedianCents: 11_390_000,
  year: 2023,
  source: 'California HCD State Income Limits 2023 (25 CCR 6932), Sacramento County',
}

const countyMedians: ReadonlyMap<string, CountyMedianIncome> = new Map(
  [SACRAMENTO_COUNTY_MEDIAN_INCOME].map((median) => [median.county.toLowerCase(), median]),
)

export function countyMedianIncome(county: string): CountyMedianIncome | null {
  return countyMedians.get(county.trim().toLowerCase()) ?? null
}

/**
 * HCD publishes the median by household size with HUD's adjustment (1 person 70% of the four-person figure, then
 * 80, 90, 100, 108, 116, 124, 132%, and 8 points more for each person past eight), rounded up to $50. The schema keeps
 * household size next to household income for this test.
 */
export function medianIncomeForHouseholdCents(median: CountyMedianIncome, householdSize: number): Cents {
  const size = Math.max(1, Math.trunc(householdSize))
  const percent = size <= 4 ? 60 + 10 * size : 100 + 8 * (size - 4)
  const fiftyDollars = 5_000
  return Math.ceil((median.fourPersonMedianCents * percent) / 100 / fiftyDollars) * fiftyDollars
}

/** The most a household may earn and still be protected from a license suspension (FC 17520.5: "at or below"). */
export function lowIncomeThresholdCents(median: CountyMedianIncome, householdSize: number): Cents {
  return Math.floor((medianIncomeForHouseholdCents(median, householdSize) * LOW_INCOME_SHARE_PERCENT) / 100)
}
