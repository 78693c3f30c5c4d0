import type { Config } from '../config'
import { createSmtpEmailMessages } from '../email/smtpEmailMessages'
import { createTwilioTextMessages } from '../telephony/twilioTextMessages'
import type { AlertChannel, EmailMessages, TextMessages } from './alertChannels'

// Which channels are on, and their adapters, as the configuration says. An alert is queued only for a channel that
// is on, so switching a channel on later never sends a backlog of stale alerts.

export function configuredAlertChannels(config: Pick<Config, 'alerts'>): AlertChannel[] {
  return [...(config.alerts.textFrom ? ['text' as const] : []), ...(config.alerts.smtpUrl ? ['email' as const] : [])]
}

export function alertAdaptersFromConfig(config: Pick<Config, 'alerts' | 'twilio'>): {
  texts: TextMessages | null
  emails: (EmailMessages & { close(): void }) | null
} {
  const { accountSid, authToken, apiBaseUrl } = config.twilio
  return {
    texts: accountSid && config.alerts.textFrom ? createTwilioTextMessages({ accountSid, authToken, apiBaseUrl, from: config.alerts.textFrom }) : null,
    emails: config.alerts.smtpUrl ? createSmtpEmailMessages({ url: config.alerts.smtpUrl, from: config.alerts.emailFrom }) : null,
  }
}
