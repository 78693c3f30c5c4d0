import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient'

import { type OutboundCallRequest, OutboundCallFailed, type OutboundCalls } from '../callbacks/callNow'
import type { Config } from '../config'

// The OutboundCalls port on Twilio's REST API, through twilio's own client (its form encoding, Basic auth and error
// parsing) rather than hand-written HTTP. Every request goes to TWILIO_API_BASE_URL: api.twilio.com in production,
// a local fake in tests, so no test ever reaches Twilio.

/** twilio's HTTP client with the scheme, host and port of every request replaced by the configured API origin. */
class ConfiguredOriginRequestClient extends twilio.RequestClient {
  constructor(
    private readonly apiBase: URL,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options)
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const requested = new URL(options.uri)
    const prefix = this.apiBase.pathname.replace(/\/$/, '')
    const uri = new URL(prefix + requested.pathname + requested.search, this.apiBase)
    return super.request<TData>({ ...options, uri: uri.href })
  }
}

/** A console page waits on this call, so it gives up well before a browser would. */
const requestTimeoutMs = 10_000

export function createTwilioOutboundCalls(settings: { accountSid: string; authToken: string; apiBaseUrl: string }): OutboundCalls {
  const httpClient = new ConfiguredOriginRequestClient(new URL(settings.apiBaseUrl), { timeout: requestTimeoutMs })
  // `env: {}`: the credentials come from config.ts, the only reader of the environment.
  const client = twilio(settings.accountSid, settings.authToken, { httpClient, env: {} })

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
        // Only the status and Twilio's numeric code leave here: its message can quote the numbers dialled, and a
        // network error carries the request, Authorization header included.
        if (error instanceof twilio.RestException) throw new OutboundCallFailed(error.status, error.code ?? null)
        throw new OutboundCallFailed(null, null)
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
