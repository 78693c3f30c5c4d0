import { DeliveryFailed } from '../../server/alerts/alertChannels'
import { createTwilioTextMessages } from '../../server/telephony/twilioTextMessages'
import { type FakeTwilioApi, startFakeTwilioApi } from '../helpers/fakeTwilioApi'
import { rejectionOf } from '../helpers/rejection'

// The text-message adapter drives twilio's real client against a local fake of the Messages endpoint.

let api: FakeTwilioApi
beforeAll(async () => {
  api = await startFakeTwilioApi()
})
afterAll(() => api.close())
beforeEach(() => {
  api.succeed()
  api.receivedMessages.length = 0
})

const adapter = (from = '+19165550199') =>
  createTwilioTextMessages({ accountSid: api.accountSid, authToken: api.authToken, apiBaseUrl: api.baseUrl, from })

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, DeliveryFailed)

describe('the Twilio text-message adapter', () => {
  it('sends from the agency number with Basic auth and returns the message SID', async () => {
    const { providerId } = await adapter().send({ to: '+19165550171', body: 'Hola', statusCallback: 'https://portal.example/alerts/text-status' })
    expect(providerId).toMatch(/^SM[0-9a-f]{32}$/)
    expect(api.receivedMessages[0]).toMatchObject({
      authorized: true,
      fields: { To: '+19165550171', From: '+19165550199', Body: 'Hola', StatusCallback: 'https://portal.example/alerts/text-status' },
    })
  })

  it('sends through a Messaging Service when given its SID', async () => {
    const service = 'MG' + 'a'.repeat(32)
    await adapter(service).send({ to: '+19165550171', body: 'Hi' })
    expect(api.receivedMessages[0]!.fields).toMatchObject({ MessagingServiceSid: service })
    expect(api.receivedMessages[0]!.fields).not.toHaveProperty('From')
  })

  it('ends the alert for a number that is not a mobile, and keeps the number out of the failure', async () => {
    api.fail(400, 21614, "'To' number +19165550171 is not a valid mobile number")
    const failed = await failureOf(adapter().send({ to: '+19165550171', body: 'Hi' }))
    expect(failed).toMatchObject({ permanent: true, reason: 'twilio 400 21614' })
    expect(JSON.stringify({ ...failed, message: failed.message })).not.toContain('5550171')
  })

  it('tries again later after a server error, too many requests or an unreachable API', async () => {
    api.fail(500, 20500, 'Internal Server Error')
    expect(await failureOf(adapter().send({ to: '+19165550171', body: 'Hi' }))).toMatchObject({ permanent: false })
    api.fail(429, 20429, 'Too Many Requests')
    expect(await failureOf(adapter().send({ to: '+19165550171', body: 'Hi' }))).toMatchObject({ permanent: false })
    const closed = await startFakeTwilioApi()
    await closed.close()
    const unreachable = createTwilioTextMessages({ accountSid: api.accountSid, authToken: api.authToken, apiBaseUrl: closed.baseUrl, from: '+19165550199' })
    expect(await failureOf(unreachable.send({ to: '+19165550171', body: 'Hi' }))).toMatchObject({ permanent: false, reason: 'twilio unreachable' })
  })
})
