// What the demo's activity is made of, shared by the parts that build it (demoPhoneCalls, demoCallbackRequests,
// demoPendingRequests) and the loader (demoActivity): who appears in it, the rows it produces, and the few helpers
// for drawing and for moving along the clock that every part uses.
import type { Insertable } from 'kysely'

import type { CallbackLanguage } from '../callbacks/callbackRequest'
import type { IsoDate } from '../agencyTime/zonedTime'
import type { CallbackAttemptsTable, CallbacksTable, CallsTable } from '../db/schema'
import type { SeededRandom } from './seededRandom'

/** A persona as the activity needs them: their ids in this database and the open cases they are a party to. */
export interface DemoCaller {
  participantId: number
  personaKey: string
  phone: string
  language: CallbackLanguage
  /** Open cases where the persona pays or receives, ascending. */
  caseIds: number[]
  /** Has a web password and a phone PIN: can sign in, or be identified on the phone. */
  activated: boolean
}

export interface DemoRep {
  id: number
  username: string
  languages: CallbackLanguage[]
}

export interface DemoActivityOptions {
  today: IsoDate
  /** config.callbacks.maxAttempts: a run of missed calls closes as unreachable where the live queue would close it. */
  maxAttempts?: number
  /** How far back the activity reaches. */
  days?: number
}

export type NewCall = Insertable<CallsTable>
export type NewCallback = Insertable<CallbacksTable>
export type NewAttempt = Omit<Insertable<CallbackAttemptsTable>, 'callback_id'>

/** A callback request as the activity builds it, with the attempts made on it. */
export interface DemoCallbackRows {
  row: NewCallback
  attempts: NewAttempt[]
}

export interface DemoActivity {
  calls: NewCall[]
  /** Each request with its attempts; the attempts get the request's id once it is stored. */
  callbacks: DemoCallbackRows[]
}

export const minuteMs = 60_000

export function weighted<T>(random: SeededRandom, choices: ReadonlyArray<[T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let point = random.fraction() * total
  for (const [value, weight] of choices) {
    point -= weight
    if (point < 0) return value
  }
  return choices[choices.length - 1]![0]
}

export function clockMinutes(text: string): number {
  const [hours, minutes] = text.split(':').map(Number) as [number, number]
  return hours * 60 + minutes
}

export const iso = (instant: Date) => instant.toISOString()
export const plusMinutes = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * minuteMs)
export const plusSeconds = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * 1000)
