import { localDateOf } from './agencyTime/zonedTime'
import { agencyTimeZone } from './config'

/** Time comes through here so that rules and tests can fix it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant)
  return { now: () => new Date(at) }
}

/** The calendar date at the agency (America/Los_Angeles) at an instant, as YYYY-MM-DD. */
export function agencyDateOf(instant: Date): string {
  return localDateOf(instant, agencyTimeZone)
}

export function agencyToday(clock: Clock): string {
  return agencyDateOf(clock.now())
}
