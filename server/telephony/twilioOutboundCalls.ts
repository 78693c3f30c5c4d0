import { type OutboundCallRequest, OutboundCallFailed, type OutboundCalls } from '../callbacks/callNow'
import type { Config } from '../config'
import { createTwilioRestClient, twilioFailureOf } from './twilioRestClient'

// The OutboundCalls port on Twilio's REST API (twilioRestClient.ts: twilio's own client, pointed at the configured
// API origin).

/** A console page waits on this call, so it gives up well before a browser would. */
const requestTimeoutMs = 10_000

export function createTwilioOutboundCalls(settings: { accountSid: string; authToken: string; apiBaseUrl: string }): OutboundCalls {
  const client = createTwilioRestClient(settings, { timeoutMs: requestTimeoutMs })

  return {
    async placeCall(request: OutboundCallRequest) {
      let sid: unknown
      try {
        const call = await client.calls.create({
          to: request.to,
          from: request.from,
          url: request.url,
          method: 'POST',
          ...(request.statusCallback ? { statusCallback: request.statusCallback, statusCallbackMethod: 'POST' } : {}),
        })
        sid = call.sid
      } catch (error) {
        const failure = twilioFailureOf(error)
        throw new OutboundCallFailed(failure.status, failure.code)
      }
      if (typeof sid !== 'string' || !/^CA[0-9a-f]{32}$/.test(sid)) throw new OutboundCallFailed(null, null)
      return { callSid: sid }
    },
  }
}

/** The adapter the configuration asks for, or null when outbound calling is not set up (no account SID). */
export function outboundCallsFromConfig(config: Pick<Config, 'twilio'>): OutboundCalls | null {
  const { accountSid, authToken, apiBaseUrl } = config.twilio
  if (!accountSid) return null
  return createTwilioOutboundCalls({ accountSid, authToken, apiBaseUrl })
}
