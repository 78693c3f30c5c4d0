import { DeliveryFailed, type TextMessage, type TextMessages } from '../alerts/alertChannels'
import { createTwilioRestClient, type TwilioRestSettings, twilioFailureOf } from './twilioRestClient'

// The TextMessages port on Twilio's Messaging API (twilioRestClient.ts: twilio's own client, pointed at the
// configured API origin). `from` is the agency's texting number, or a Messaging Service SID (MG…), which Twilio then
// uses to pick the number.

/** The delivery worker waits on this; a slow API holds the batch, never a parent's page. */
const requestTimeoutMs = 10_000

/**
 * Twilio's codes for a message that cannot be sent to this recipient however often it is tried
 * (www.twilio.com/docs/api/errors): 21211 invalid 'To' number, 21214 not a reachable number, 21408 region not
 * enabled, 21610 the recipient replied STOP, 21612 cannot route to this number, 21614 not a mobile number.
 */
const recipientRefused = new Set([21211, 21214, 21408, 21610, 21612, 21614])

export function createTwilioTextMessages(settings: TwilioRestSettings & { from: string }): TextMessages {
  const client = createTwilioRestClient(settings, { timeoutMs: requestTimeoutMs })
  const sender = settings.from.startsWith('MG') ? { messagingServiceSid: settings.from } : { from: settings.from }

  return {
    async send(message: TextMessage) {
      let sid: unknown
      try {
        const created = await client.messages.create({
          to: message.to,
          body: message.body,
          ...sender,
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        })
        sid = created.sid
      } catch (error) {
        const { status, code } = twilioFailureOf(error)
        const permanent = (code !== null && recipientRefused.has(code)) || (status !== null && status >= 400 && status < 500 && status !== 429 && status !== 401)
        throw new DeliveryFailed(permanent, `twilio ${status ?? 'unreachable'}${code !== null ? ` ${code}` : ''}`)
      }
      if (typeof sid !== 'string' || !/^(SM|MM)[0-9a-f]{32}$/.test(sid)) throw new DeliveryFailed(false, 'twilio answered without a message SID')
      return { providerId: sid }
    },
  }
}
