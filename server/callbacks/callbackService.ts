// Callback requests from the web and the phone, the representatives' queue and the supervisor's figures, composed
// over one repository, business calendar and service level. Each part lives in a file of what it does: filing a
// request (callbackFiling.ts), the parent's own requests (parentCallbacks.ts), the queue and its claims
// (callbackWork.ts), the supervisor's figures (callbackFigures.ts). Channels call this and nothing below it; what it
// returns carries enums and message keys, never sentences.
import type { Kysely } from 'kysely'

import type { AlertChannel } from '../alerts/alertChannels'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { SqlDialect } from '../db/dialect'
import type { Database } from '../db/schema'
import { agencyCalendar, type BusinessCalendarOptions, type Closure, createBusinessCalendar } from './businessCalendar'
import { createCallbackFigures } from './callbackFigures'
import { createCallbackFiling } from './callbackFiling'
import { createCallbackRepository } from './callbackRepository'
import { createCallbackWork } from './callbackWork'
import { type RandomIndex, secureRandomIndex } from './confirmationCode'
import { createParentCallbacks } from './parentCallbacks'
import { createServiceLevel, type ServiceLevelOptions } from './serviceLevel'

export { serviceErrorKeys } from './callbackQueue'
export type { RequestedCallback } from './callbackFiling'
export type { CallbackDetail } from './callbackWork'

export interface CallbackServiceOptions {
  /** Calls before a request closes as unreachable (config CALLBACK_MAX_ATTEMPTS). */
  maxAttempts: number
  /** How long a claim holds before another representative may take the request over (config CALLBACK_CLAIM_MINUTES). */
  claimMinutes: number
  /** Office hours, time zone and closures. Default: Monday–Friday 8:00–16:00 Pacific, California state holidays. */
  calendar?: BusinessCalendarOptions
  serviceLevel?: Partial<ServiceLevelOptions>
  /** Source of the confirmation codes' randomness; tests inject one to force collisions. */
  randomIndex?: RandomIndex
  /** The most queue entries one listing returns. */
  queueLimit?: number
  /** The alert channels this office has set up (a new request raises an alert on them); none by default. */
  alertChannels?: readonly AlertChannel[]
}

export interface CallbackServiceDependencies {
  database: { db: Kysely<Database>; dialect: SqlDialect }
  clock: Clock
  config: { callbacks: Pick<Config['callbacks'], 'maxAttempts'> & Partial<Pick<Config['callbacks'], 'claimMinutes'>> }
  options?: Partial<CallbackServiceOptions>
}

export interface OfficeStatus {
  open: boolean
  /** Now, while open; otherwise when people next answer. */
  nextOpenAt: Date
  /** Why today is closed, when it is a closed day. */
  closureToday: Closure | null
}

export function createCallbackService(dependencies: CallbackServiceDependencies) {
  const options: CallbackServiceOptions = {
    maxAttempts: dependencies.config.callbacks.maxAttempts,
    claimMinutes: dependencies.config.callbacks.claimMinutes ?? 60,
    ...dependencies.options,
  }
  const { clock } = dependencies
  const calendar = options.calendar ? createBusinessCalendar(options.calendar) : agencyCalendar
  const serviceLevel = createServiceLevel(calendar, options.serviceLevel)
  const repository = createCallbackRepository(dependencies.database)

  return {
    calendar,
    serviceLevel,

    /** Whether people answer now, for the phone line's "our office is closed" and the portal's notice. */
    officeStatus(now: Date = clock.now()): OfficeStatus {
      return {
        open: calendar.isOpenAt(now),
        nextOpenAt: calendar.nextOpenAt(now),
        closureToday: calendar.closureOn(calendar.localDateOf(now)),
      }
    },

    ...createCallbackFiling({ repository, clock, serviceLevel, randomIndex: options.randomIndex ?? secureRandomIndex, alertChannels: options.alertChannels ?? [] }),
    ...createParentCallbacks({ repository, clock, claimMinutes: options.claimMinutes }),
    ...createCallbackWork({
      repository,
      clock,
      serviceLevel,
      options: { maxAttempts: options.maxAttempts, claimMinutes: options.claimMinutes, queueLimit: options.queueLimit ?? 200 },
      alertChannels: options.alertChannels ?? [],
    }),
    ...createCallbackFigures({ repository, clock, calendar }),
  }
}

export type CallbackService = ReturnType<typeof createCallbackService>
export type { CodeStatusView, ParentCallbackView } from './parentCallbacks'
