import type { i18n } from 'i18next'

import type { Clock } from '../clock'
import { translatorFor } from '../i18n'
import type { Logger } from '../logger'
import { type AlertChannel, DeliveryFailed, type EmailMessages, type TextMessages } from './alertChannels'
import type { AlertOutbox, OutboxAlert } from './alertOutbox'
import { type AlertLinks, unsubscribeUrlFor, wordAlert } from './alertWording'
import { nextTextingTime, startOfAgencyDay, tomorrowMorning } from './sendingWindow'

// The delivery worker: claims the alerts that are due, sends each through its channel and records what happened.
// An alert is sent at most once: a row is settled only by the run that claimed it, and only a claim that lapsed (the
// run died between sending and recording) lets another run take it again, which repeats that one message and is
// logged. Failures worth another try wait longer each time; a failure that cannot pass (a number that is not a
// mobile, an address the relay refuses) ends the alert.

export interface AlertDeliverySettings {
  /** Alerts per parent, per channel, per agency day. */
  dailyCap: number
  /** Tries before an alert that keeps failing is given up. */
  maxAttempts: number
  batchSize: number
  /** How long a claim holds: longer than the slowest send (the adapters give up after 10 to 20 s). */
  claimHoldMs: number
}

export const defaultDeliverySettings: AlertDeliverySettings = { dailyCap: 5, maxAttempts: 6, batchSize: 20, claimHoldMs: 120_000 }

export interface DeliveryRound {
  sent: number
  held: number
  retried: number
  failed: number
  stopped: number
}

/** 1, 2, 4, 8… minutes after each failed try, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000)
}

export function createAlertDelivery(deps: {
  outbox: AlertOutbox
  clock: Clock
  i18n: i18n
  logger: Logger
  texts: TextMessages | null
  emails: EmailMessages | null
  links: AlertLinks
  /** Where Twilio reports a text's delivery; null when the portal has no public address Twilio can reach. */
  textStatusCallback: string | null
  settings?: Partial<AlertDeliverySettings>
}) {
  const settings = { ...defaultDeliverySettings, ...deps.settings }
  const channels: AlertChannel[] = [...(deps.texts ? ['text' as const] : []), ...(deps.emails ? ['email' as const] : [])]

  async function send(alert: OutboxAlert): Promise<{ providerId: string }> {
    const words = wordAlert(translatorFor(deps.i18n, alert.language), alert.kind, alert.details, deps.links)
    if (alert.channel === 'text') {
      return deps.texts!.send({
        to: alert.destination,
        body: words.text,
        ...(deps.textStatusCallback ? { statusCallback: deps.textStatusCallback } : {}),
      })
    }
    return deps.emails!.send({
      to: alert.destination,
      subject: words.emailSubject,
      text: words.emailText,
      language: alert.language,
      unsubscribeUrl: unsubscribeUrlFor(alert.kind, deps.links),
    })
  }

  /** Why this alert must wait, and until when; null when it may go now. */
  async function holdFor(alert: OutboxAlert, now: Date): Promise<{ until: Date; reason: string } | null> {
    if (alert.channel === 'text') {
      const allowed = nextTextingTime(now)
      if (allowed.getTime() > now.getTime()) return { until: allowed, reason: 'quiet hours' }
    }
    const sentToday = await deps.outbox.sentSince(alert.participantId, alert.channel, startOfAgencyDay(now))
    if (sentToday >= settings.dailyCap) return { until: tomorrowMorning(now), reason: 'daily cap' }
    return null
  }

  async function deliver(alert: OutboxAlert, round: DeliveryRound): Promise<void> {
    const now = deps.clock.now()
    if (alert.interrupted) {
      // The run that held this alert stopped after claiming it; it may have sent it. One repeat is the price of
      // never losing an alert, and it is written down.
      deps.logger.warn({ alertId: alert.id, channel: alert.channel }, 'alert claimed again after an interrupted delivery: it may be sent twice')
    }
    if (alert.channel === 'text' && (await deps.outbox.isTextOptedOut(alert.destination))) {
      await deps.outbox.markStopped(alert)
      round.stopped++
      return
    }
    const hold = await holdFor(alert, now)
    if (hold) {
      await deps.outbox.holdUntil(alert, hold.until, hold.reason, { countAttempt: false })
      round.held++
      return
    }
    if (!(await deps.outbox.renewClaim(alert, deps.clock.now(), settings.claimHoldMs))) {
      // This batch outlived its hold and another run has the alert now: it sends it, this one must not.
      deps.logger.info({ alertId: alert.id, channel: alert.channel }, 'alert left to the run that claimed it after this run\'s hold lapsed')
      return
    }
    try {
      const { providerId } = await send(alert)
      await deps.outbox.markSent(alert, providerId, deps.clock.now())
      round.sent++
    } catch (error) {
      if (!(error instanceof DeliveryFailed)) throw error
      if (error.permanent || alert.attempts >= settings.maxAttempts) {
        await deps.outbox.markFailed(alert, error.reason)
        deps.logger.warn({ alertId: alert.id, channel: alert.channel, reason: error.reason }, 'alert not delivered')
        round.failed++
      } else {
        await deps.outbox.holdUntil(alert, new Date(deps.clock.now().getTime() + retryDelayMs(alert.attempts)), error.reason, { countAttempt: true })
        round.retried++
      }
    }
  }

  /** One round: claims a batch and settles every alert in it. */
  async function deliverDue(): Promise<DeliveryRound> {
    const round: DeliveryRound = { sent: 0, held: 0, retried: 0, failed: 0, stopped: 0 }
    const batch = await deps.outbox.claimDue(channels, deps.clock.now(), settings.batchSize, settings.claimHoldMs)
    for (const alert of batch) await deliver(alert, round)
    return round
  }

  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> | null = null

  return {
    channels,
    deliverDue,

    /** Runs a round every `intervalMs`, and at once when a round was full (more may be waiting). */
    start(intervalMs: number): void {
      if (timer || channels.length === 0) return
      const tick = () => {
        running = deliverDue()
          .then((round) => {
            const total = round.sent + round.held + round.retried + round.failed + round.stopped
            if (round.sent + round.failed + round.retried + round.stopped > 0) deps.logger.info({ ...round }, 'alerts delivered')
            return total >= settings.batchSize ? 0 : intervalMs
          })
          .catch((error: unknown) => {
            deps.logger.error({ err: error }, 'alert delivery round failed')
            return intervalMs
          })
          .then((delay) => {
            running = null
            if (timer) timer = setTimeout(tick, delay).unref()
          })
      }
      timer = setTimeout(tick, 0).unref()
    },

    /** Stops taking new rounds and waits for the one in flight. */
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer)
      timer = null
      await running
    },
  }
}

export type AlertDelivery = ReturnType<typeof createAlertDelivery>
