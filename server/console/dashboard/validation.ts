import { z } from 'zod'

import { addDays, isIsoDate } from '../../agencyTime/calendarDates'
import { formText } from '../../web/forms'

export const periodFields = ['from', 'to'] as const

/** A year and a day: a whole year whichever day it starts, and well inside what the services accept in one go. */
export const maxPeriodDays = 366
/** With no period asked for, the dashboard shows the last 30 days, today included. */
export const defaultPeriodDays = 30

const isoDate = (requiredKey: string) =>
  formText(
    z
      .string()
      .trim()
      .min(1, requiredKey)
      .refine((value) => isIsoDate(value), 'supervisor:period.errors.dateInvalid'),
  )

export const periodSchema = z
  .object({
    from: isoDate('supervisor:period.errors.fromRequired'),
    to: isoDate('supervisor:period.errors.toRequired'),
  })
  .superRefine((period, context) => {
    // Zod runs this even when a date failed above; only two real dates can be compared.
    if (!isIsoDate(period.from) || !isIsoDate(period.to)) return
    if (period.to < period.from) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'supervisor:period.errors.toBeforeFrom' })
    } else if (addDays(period.from, maxPeriodDays - 1) < period.to) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'supervisor:period.errors.tooLong' })
    }
  })

export type Period = z.infer<typeof periodSchema>

/** The query of a dashboard request: neither date given means the default period, which needs no checking. */
export function periodAsked(query: Record<string, unknown>): boolean {
  return query.from !== undefined || query.to !== undefined
}
