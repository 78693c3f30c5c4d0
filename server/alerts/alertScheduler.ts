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
import { type CaseAlertEvent, parentEventKeyOf, raiseCaseAlert } from './caseEventAlerts'
import { outboxKeyOf } from './raiseAlert'
import { comingUpEvents, dueSoonEvents, paymentMissingEvents, subscriberPage } from './scheduledAlertScans'
import { comingUpWindow, paymentDueSoon, paymentMissingMonth } from './scheduledAlertRules'
import { nextTextingTime } from './sendingWindow'

export interface ScanResult {
  /** False when the scan did not run: quiet hours, or no channel set up. */
  ran: boolean
  /** Parents with a confirmed destination, looked at. */
  subscribers: number
  /** Occasions found for them. */
  occasions: number
  /** Of those, the ones raised by this scan (the rest had been, by an earlier scan or another process). */
  raised: number
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

  /**
   * The occasions a scan earlier today already raised, in one indexed read a page, so the scans after the first cost a
   * read rather than a transaction each. Only a shortcut: the outbox's unique key still decides. An alert queued on
   * one channel counts as raised: it went where the parent's settings said when it was first raised.
   */
  async function alreadyQueued(occasions: readonly CaseAlertEvent[]): Promise<Set<string>> {
    const byKey = new Map<string, string>()
    for (const occasion of occasions) {
      const parentKey = parentEventKeyOf(occasion.eventKey, occasion.participantId!)
      for (const channel of deps.channels) byKey.set(outboxKeyOf(parentKey, channel), parentKey)
    }
    const found = new Set<string>()
    const keys = [...byKey.keys()]
    for (let i = 0; i < keys.length; i += pageSize) {
      const rows = await deps.db.selectFrom('alert_outbox').select('dedupe_key').where('dedupe_key', 'in', keys.slice(i, i + pageSize)).execute()
      for (const row of rows) found.add(byKey.get(row.dedupe_key)!)
    }
    return found
  }

  /** One scan of every parent with alerts on. Safe to run at any time, as often as wanted, in any number of processes. */
  async function scanOnce(): Promise<ScanResult> {
    const now = deps.clock.now()
    const result: ScanResult = { ran: false, subscribers: 0, occasions: 0, raised: 0 }
    if (deps.channels.length === 0 || nextTextingTime(now).getTime() > now.getTime()) return result
    result.ran = true
    for (let after = 0; ; ) {
      const page = await subscriberPage(deps.db, after, pageSize)
      if (page.length === 0) break
      result.subscribers += page.length
      const occasions = await occasionsFor(page, now)
      const queued = await alreadyQueued(occasions)
      result.occasions += occasions.length
      for (const occasion of occasions) {
        if (queued.has(parentEventKeyOf(occasion.eventKey, occasion.participantId!))) continue
        await deps.db.transaction().execute((trx) => raiseCaseAlert(trx, occasion, deps.channels, now))
        result.raised++
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
            if (result.raised > 0) logger.info({ ...result }, 'alert scan')
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
