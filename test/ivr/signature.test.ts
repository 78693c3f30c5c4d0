import request from 'supertest'
import twilio from 'twilio'

import { fixedClock } from '../../server/clock'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import { newCallSid, SimulatedCall, signedPost } from './helpers/simulatedCall'

// Only Twilio, signing for the URL it was given, may drive the phone line. Anything else gets 403 and leaves the
// calls table exactly as it was.

let phone: PhoneTestApp
beforeAll(async () => {
  phone = await createPhoneTestApp({ clock: fixedClock(officeOpen), demo: false })
})
afterAll(() => phone.close())

const callsTable = () => phone.database.db.selectFrom('calls').selectAll().orderBy('call_sid').execute()

function params(callSid: string, extra: Record<string, string> = {}) {
  return { CallSid: callSid, AccountSid: 'AC00000000000000000000000000000000', From: '+19165550199', To: '+18665550100', ...extra }
}

describe('the Twilio signature check', () => {
  it('accepts a request signed for PUBLIC_BASE_URL + path with the configured token', async () => {
    const response = await signedPost(phone.app, phone.config, '/ivr/voice', params(newCallSid()))
    expect(response.status).toBe(200)
  })

  it.each([
    ['unsigned', () => undefined],
    ['signed with another auth token', (url: string, body: Record<string, string>) => twilio.getExpectedTwilioSignature('not-the-token', url, body)],
    ['signed for another host', (_url: string, body: Record<string, string>) => twilio.getExpectedTwilioSignature(phone.config.twilio.authToken, 'https://attacker.example/ivr/voice', body)],
    ['signed for other parameters', (url: string, body: Record<string, string>) => twilio.getExpectedTwilioSignature(phone.config.twilio.authToken, url, { ...body, From: '+12025550123' })],
    ['carrying a garbage signature', () => 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ])('refuses a call %s with 403 and records nothing', async (_name, sign) => {
    const before = await callsTable()
    const body = params(newCallSid())
    const signature = sign(phone.config.publicBaseUrl + '/ivr/voice', body)
    const post = request(phone.app).post('/ivr/voice').type('form')
    const response = await (signature ? post.set('X-Twilio-Signature', signature) : post).send(body)
    expect(response.status).toBe(403)
    expect(response.text).not.toContain('<Response')
    expect(await callsTable()).toEqual(before)
  })

  it('refuses a signed request replayed to another URL, and the call does not move', async () => {
    const call = new SimulatedCall(phone.app, phone.config)
    await call.dial()
    const before = await callsTable()
    // A genuine signature for the welcome step's answer, sent instead to the PIN step and to the status callback.
    const body = params(call.callSid, { Digits: '1' })
    const signature = twilio.getExpectedTwilioSignature(phone.config.twilio.authToken, `${phone.config.publicBaseUrl}/ivr/step/welcome`, body)
    for (const path of ['/ivr/step/pin', '/ivr/step/identify', '/ivr/status', '/ivr/step/welcome?x=1']) {
      const response = await request(phone.app).post(path).type('form').set('X-Twilio-Signature', signature).send(body)
      expect(response.status).toBe(403)
    }
    expect(await callsTable()).toEqual(before)
  })

  it('refuses a turn replayed with the same signature, even many at once, and the call moves once', async () => {
    const call = new SimulatedCall(phone.app, phone.config)
    await call.dial()
    const url = call.last.gather!.url
    expect(url).toMatch(/^\/ivr\/step\/welcome\?n=[a-z]{16}$/)
    const body = params(call.callSid, { Digits: '1' })
    const signature = twilio.getExpectedTwilioSignature(phone.config.twilio.authToken, phone.config.publicBaseUrl + url, body)
    const send = () => request(phone.app).post(url).type('form').set('X-Twilio-Signature', signature).send(body)
    expect((await send()).status).toBe(200)
    const after = await callsTable()
    expect((await send()).status).toBe(403)
    const raced = await Promise.all(Array.from({ length: 10 }, send))
    expect(raced.map((r) => r.status)).toEqual(raced.map(() => 403))
    expect(await callsTable()).toEqual(after)
    expect(phone.logs.some((line) => line.includes('replayed Twilio signature'))).toBe(true)
  })

  it('gives every answer fresh step URLs, so the same key pressed twice at one question is not a replay', async () => {
    const call = new SimulatedCall(phone.app, phone.config)
    await call.dial()
    await call.press('1')
    await call.press('*') // general information
    const first = await call.press('9') // hear it again
    const second = await call.press('9')
    expect(first.gather?.action).toBe('/ivr/step/generalMenu')
    expect(second.gather?.action).toBe('/ivr/step/generalMenu')
    expect(first.gather?.url).not.toBe(second.gather?.url)
  })

  it('refuses an unsigned status callback, so nobody can end or time a call', async () => {
    const call = new SimulatedCall(phone.app, phone.config)
    await call.dial()
    const before = await callsTable()
    const response = await request(phone.app)
      .post('/ivr/status')
      .type('form')
      .send(params(call.callSid, { CallStatus: 'completed', CallDuration: '5' }))
    expect(response.status).toBe(403)
    expect(await callsTable()).toEqual(before)
  })

  it('guards every method and path under /ivr, even ones that do not exist', async () => {
    for (const path of ['/ivr/voice', '/ivr/step/nowhere', '/ivr/anything']) {
      expect((await request(phone.app).get(path)).status).toBe(403)
      expect((await request(phone.app).post(path).type('form').send({})).status).toBe(403)
    }
  })

  it('answers a signed request without a valid CallSid with 400 and records nothing', async () => {
    const before = await callsTable()
    const response = await signedPost(phone.app, phone.config, '/ivr/voice', { From: '+19165550199' })
    expect(response.status).toBe(400)
    expect(await callsTable()).toEqual(before)
  })
})

describe('the account a signed request names', () => {
  it('refuses a request signed with our token for another AccountSid when TWILIO_ACCOUNT_SID is configured', async () => {
    const ours = 'AC11111111111111111111111111111111'
    const accountPhone = await createPhoneTestApp({ clock: fixedClock(officeOpen), demo: false, env: { TWILIO_ACCOUNT_SID: ours } })
    try {
      const calls = () => accountPhone.database.db.selectFrom('calls').selectAll().execute()
      for (const AccountSid of ['AC00000000000000000000000000000000', '', ours.toLowerCase()]) {
        const response = await signedPost(accountPhone.app, accountPhone.config, '/ivr/voice', { ...params(newCallSid()), AccountSid })
        expect({ AccountSid, status: response.status }).toEqual({ AccountSid, status: 403 })
      }
      const { AccountSid: _dropped, ...withoutAccount } = params(newCallSid())
      expect((await signedPost(accountPhone.app, accountPhone.config, '/ivr/voice', withoutAccount)).status).toBe(403)
      expect(await calls()).toEqual([])
      expect((await signedPost(accountPhone.app, accountPhone.config, '/ivr/voice', { ...params(newCallSid()), AccountSid: ours })).status).toBe(200)
      expect(await calls()).toHaveLength(1)
    } finally {
      await accountPhone.close()
    }
  })
})
