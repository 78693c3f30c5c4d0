import { OutboundCallFailed } from '../../server/callbacks/callNow'
import { loadConfig } from '../../server/config'
import { createTwilioOutboundCalls, outboundCallsFromConfig } from '../../server/telephony/twilioOutboundCalls'
import { type FakeTwilioApi, startFakeTwilioApi } from '../helpers/fakeTwilioApi'
import { rejectionOf } from '../helpers/rejection'

// The adapter drives twilio's real client against a local fake of the Calls endpoint.

let api: FakeTwilioApi
beforeAll(async () => {
  api = await startFakeTwilioApi()
})
afterAll(() => api.close())
beforeEach(() => {
  api.succeed()
  api.received.length = 0
})

const call = { to: '+19165550171', from: '+19165550199', url: 'https://portal.example/ivr/outbound/connect/7/3' }

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, OutboundCallFailed)

describe('the Twilio outbound-call adapter', () => {
  const adapter = () => createTwilioOutboundCalls({ accountSid: api.accountSid, authToken: api.authToken, apiBaseUrl: api.baseUrl })

  it('creates the call through the configured API base URL with Basic auth and returns its CallSid', async () => {
    const { callSid } = await adapter().placeCall(call)
    expect(api.received).toHaveLength(1)
    const [request] = api.received
    expect(request).toMatchObject({ accountSid: api.accountSid, authorized: true, callSid })
    expect(request!.fields).toMatchObject({ To: call.to, From: call.from, Url: call.url, Method: 'POST' })
    expect(request!.fields).not.toHaveProperty('StatusCallback')
    expect(callSid).toMatch(/^CA[0-9a-f]{32}$/)
  })

  it('passes a status callback on when asked', async () => {
    await adapter().placeCall({ ...call, statusCallback: 'https://portal.example/ivr/status' })
    expect(api.received[0]!.fields).toMatchObject({ StatusCallback: 'https://portal.example/ivr/status', StatusCallbackMethod: 'POST' })
  })

  it("keeps a path prefix of the base URL (a proxy in front of Twilio's API)", async () => {
    const prefixed = createTwilioOutboundCalls({ accountSid: api.accountSid, authToken: api.authToken, apiBaseUrl: `${api.baseUrl}/twilio/` })
    const failed = await failureOf(prefixed.placeCall(call))
    // The fake serves no prefix, so the request reached it at /twilio/2010-04-01/… and was not found.
    expect(failed.status).toBe(404)
    expect(api.received).toHaveLength(0)
  })

  it("turns Twilio's error into status and code only, without its message (which quotes the number)", async () => {
    api.fail(400, 21211, `The 'To' number ${call.to} is not a valid phone number.`)
    const failed = await failureOf(adapter().placeCall(call))
    expect(failed).toMatchObject({ status: 400, providerCode: 21211 })
    expect(JSON.stringify({ ...failed, message: failed.message, stack: failed.stack })).not.toContain(call.to)
  })

  it('reports a wrong auth token as a failure that does not carry the token', async () => {
    const wrong = createTwilioOutboundCalls({ accountSid: api.accountSid, authToken: 'not-the-token', apiBaseUrl: api.baseUrl })
    const failed = await failureOf(wrong.placeCall(call))
    expect(failed).toMatchObject({ status: 401, providerCode: 20003 })
    expect(api.received[0]!.authorized).toBe(false)
    expect(JSON.stringify({ ...failed, message: failed.message, stack: failed.stack })).not.toContain('not-the-token')
  })

  it('reports an unreachable API as a failure with neither status nor code', async () => {
    const closed = await startFakeTwilioApi()
    const baseUrl = closed.baseUrl
    await closed.close()
    const unreachable = createTwilioOutboundCalls({ accountSid: api.accountSid, authToken: api.authToken, apiBaseUrl: baseUrl })
    const failed = await failureOf(unreachable.placeCall(call))
    expect(failed).toMatchObject({ status: null, providerCode: null })
    expect(failed.message).not.toContain(api.authToken)
  })

  it('is not built when no account SID is configured', () => {
    expect(outboundCallsFromConfig(loadConfig({ NODE_ENV: 'test' }))).toBeNull()
    expect(outboundCallsFromConfig(loadConfig({ NODE_ENV: 'test', TWILIO_ACCOUNT_SID: api.accountSid }))).not.toBeNull()
  })
})
