import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient'

// twilio's own client (its form encoding, Basic auth and error parsing) rather than hand-written HTTP, for every
// adapter that calls Twilio's REST API: outbound calls and text messages. Every request goes to TWILIO_API_BASE_URL:
// api.twilio.com in production, a local fake in tests, so no test ever reaches Twilio.

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

export interface TwilioRestSettings {
  accountSid: string
  authToken: string
  apiBaseUrl: string
}

export function createTwilioRestClient(settings: TwilioRestSettings, options: { timeoutMs: number }) {
  const httpClient = new ConfiguredOriginRequestClient(new URL(settings.apiBaseUrl), { timeout: options.timeoutMs })
  // `env: {}`: the credentials come from config.ts, the only reader of the environment.
  return twilio(settings.accountSid, settings.authToken, { httpClient, env: {} })
}

/**
 * Only the HTTP status and Twilio's numeric code of a failed request: its message can quote the numbers dialled or
 * texted, and a network error carries the request, Authorization header included.
 */
export function twilioFailureOf(error: unknown): { status: number | null; code: number | null } {
  if (error instanceof twilio.RestException) return { status: error.status, code: error.code ?? null }
  return { status: null, code: null }
}
