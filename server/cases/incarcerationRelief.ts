// Support after release from incarceration (Family Code 4007.5). An order is suspended by operation of law while the
// paying parent is incarcerated more than 90 consecutive days without means to pay (FC 4007.5(a)), and resumes after
// a grace period so the parent can find work:
// - released on or after January 1, 2024: the first day of the 10th month after release (FC 4007.5(b)(2));
// - released before: the first day of the first full month after release (the section as enacted by AB 610, 2015).
// The parent, the other parent or the agency may still ask the court to change the order (FC 4007.5(b)(3)-(4),
// FC 3651).
import { addMonths, monthStart, monthsBetween } from '../agencyTime/calendarDates'
import type { IsoDate } from './rules/ledgerTypes'

export const TEN_MONTH_GRACE_FROM = '2024-01-01'

/** How long after release the portal keeps suggesting a review of the order: a product choice, not a statute. */
export const RECENT_RELEASE_MONTHS = 12

export function statutoryResumptionOn(releasedOn: IsoDate): IsoDate {
  const months = releasedOn >= TEN_MONTH_GRACE_FROM ? 10 : 1
  return addMonths(monthStart(releasedOn), months)
}

export interface ReleaseRelief {
  releasedOn: IsoDate
  /** When support is charged again. */
  resumesOn: IsoDate
  /** Support is not charged yet today. */
  paused: boolean
  /** Within RECENT_RELEASE_MONTHS of release: a review of the order may be worth asking for. */
  recent: boolean
}

/**
 * `recordedResumptionOn` is the first order the agency has on file starting after release: when there is one, it is
 * what will actually be charged, so it wins over the statutory date (the two can differ when a court set a date).
 */
export function releaseRelief(
  releasedOn: IsoDate | null,
  recordedResumptionOn: IsoDate | null,
  today: IsoDate,
): ReleaseRelief | null {
  if (releasedOn === null || releasedOn > today) return null
  const resumesOn = recordedResumptionOn ?? statutoryResumptionOn(releasedOn)
  const recent = monthsBetween(releasedOn, today) < RECENT_RELEASE_MONTHS
  const paused = today < resumesOn
  if (!paused && !recent) return null
  return { releasedOn, resumesOn, paused, recent }
}
