import type { SentAlert } from '../alerts/alertOutbox'

// What the request pages show of the alerts sent to a parent: the kind, the channel, what became of it and when. Never
// the words or the number or address it went to: the rep needs to know whether the parent was told, and a text's
// words are for the parent.

export const alertsShownOnRequest = 10

export type AlertOutcome = 'pending' | 'sent' | 'delivered' | 'failed' | 'stopped'

export interface AlertSentRow {
  kind: string
  channel: string
  outcome: AlertOutcome
  createdAt: string
  sentAt: string | null
}

/** A sent text the carrier reported on reads as delivered or failed; everything else as the outbox left it. */
export function alertSentRows(alerts: readonly SentAlert[]): AlertSentRow[] {
  return alerts.map((alert) => {
    let outcome: AlertOutcome = alert.status
    if (alert.status === 'sent' && alert.deliveryStatus === 'delivered') outcome = 'delivered'
    if (alert.status === 'sent' && (alert.deliveryStatus === 'undelivered' || alert.deliveryStatus === 'failed')) outcome = 'failed'
    return { kind: alert.kind, channel: alert.channel, outcome, createdAt: alert.createdAt, sentAt: alert.sentAt }
  })
}
