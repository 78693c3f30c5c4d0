// The scheduler of the time-based alerts (a payment due in a few days, no payment yet by the 20th, a hearing or an
// appointment coming up), running in each server process beside the delivery worker, on the injected clock. A scan
// finds today's occasions and raises each parent's alert in a transaction of its own; the outbox's unique key (the
// occasion, the parent, the channel) makes that an insert-or-ignore, so a scan run twice, or in two processes at once
// on PostgreSQL, still queues one alert each. Scans run only in the day (outside the texts' quiet hours), so a reminder
// never lands in an inbox at 3 a.m. either. (A callback missed is raised when it happens: callbacks/callbackWork.ts.)
import type { Kysely } from 'kysely'

import type { BusinessCalendar } from '../callbacks/businessCalendar'
import { agencyDateOf, type Clock } from '../clock'
import type { Database } from '../db/schema'
import type { Logger } from '../logger'
import type { AlertChannel } from './alertChannels'
import { type CaseAlertEvent, raiseCaseAlert } from './caseEventAlerts'
import { comingUpEvents, dueSoonEvents, paymentMissingEvents, subscriberPage } from './scheduledAlertScans'
import { comingUpWindow, paymentDueSoon, paymentMissingMonth } from './scheduledAlertRules'
import { nextTextingTime } from './sendingWindow'

export interface ScanResult {
  /** False when the scan did not run: quiet hours, or no channel set up. */
  ran: boolean
  /** Parents with a confirmed destination, looked at. */
  subscribers: number
  /** Occasions found for them (each raised, or found already raised). */
  occasions: number
}

const pageSize = 500

export function createAlertScheduler(deps: {
  db: Kysely<Database>
  clock: Clock
  calendar: Pick<BusinessCalendar, 'previousBusinessDay' | 'nextBusinessDay'>
  channels: readonly AlertChannel[]
}) {
  async function occasionsFor(participantIds: number[], now: Date): Promise<CaseAlertEvent[]> {
    const today = agencyDateOf(now)
    const dueOn = paymentDueSoon(today, deps.calendar)
    const month = paymentMissingMonth(today, deps.calendar)
    const [dueSoon, missing, comingUp] = await Promise.all([
      dueOn ? dueSoonEvents(deps.db, participantIds, dueOn) : [],
      month ? paymentMissingEvents(deps.db, participantIds, month, today) : [],
      comingUpEvents(deps.db, participantIds, today, comingUpWindow(now)),
    ])
    return [...dueSoon, ...missing, ...comingUp]
  }

  /** One scan of every parent with alerts on. Safe to run at any time, as often as wanted, in any number of processes. */
  async function scanOnce(): Promise<ScanResult> {
    const now = deps.clock.now()
    const result: ScanResult = { ran: false, subscribers: 0, occasions: 0 }
    if (deps.channels.length === 0 || nextTextingTime(now).getTime() > now.getTime()) return result
    result.ran = true
    for (let after = 0; ; ) {
      const page = await subscriberPage(deps.db, after, pageSize)
      if (page.length === 0) break
      result.subscribers += page.length
      for (const occasion of await occasionsFor(page, now)) {
        await deps.db.transaction().execute((trx) => raiseCaseAlert(trx, occasion, deps.channels, now))
        result.occasions++
      }
      after = page[page.length - 1]!
      if (page.length < pageSize) break
    }
    return result
  }

  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> | null = null

  return {
    scanOnce,

    /** Scans now and every `intervalMs`; a failed scan is logged and the next one tries again. */
    start(intervalMs: number, logger: Logger): void {
      if (timer || deps.channels.length === 0) return
      const tick = () => {
        running = scanOnce()
          .then((result) => {
            if (result.occasions > 0) logger.info({ ...result }, 'alert scan')
          })
          .catch((error: unknown) => logger.error({ err: error }, 'alert scan failed'))
          .then(() => {
            running = null
            if (timer) timer = setTimeout(tick, intervalMs).unref()
          })
      }
      timer = setTimeout(tick, 0).unref()
    },

    async stop(): Promise<void> {
      if (timer) clearTimeout(timer)
      timer = null
      await running
    },
  }
}

export type AlertScheduler = ReturnType<typeof createAlertScheduler>
