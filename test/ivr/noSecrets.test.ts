import { fixedClock } from '../../server/clock'
import { persona } from './helpers/callSteps'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import { SimulatedCall } from './helpers/simulatedCall'

// A PIN or a PAR ID keyed on the phone goes to the identity check and nowhere else: not into a URL Twilio is told
// to fetch, not into a log line, not into the stored call, the callback context or the audit trail.

let phone: PhoneTestApp
beforeAll(async () => {
  phone = await createPhoneTestApp({ clock: fixedClock(officeOpen) })
})
afterAll(() => phone.close())

const containsNumber = (haystack: string, digits: string) => new RegExp(`(^|\\D)${digits}(\\D|$)`).test(haystack)

it('keeps keyed secrets out of URLs, logs and stored records, through a whole call', async () => {
  const who = persona('hearing-next-week')
  // From a number the line does not know, so the PAR ID is keyed and said as well as the PIN.
  const call = new SimulatedCall(phone.app, phone.config, '+19165550188')
  await call.dial()
  await call.press('1')
  await call.press(who.phone.parId)
  await call.press('112233')
  await call.say(who.phone.parId)
  await call.press(who.phone.pin)
  if (call.last.gather?.action === '/ivr/step/caseChoice') await call.press('1')
  await call.press('1')
  for (const key of ['2', '3', '4']) await call.press(key)
  expect(call.last.gather?.action).toBe('/ivr/step/callbackNumber')
  await call.press('2')
  await call.press('9165550177')
  await call.press('1')
  await call.press('7')
  await call.hangUp()

  const secrets = [who.phone.pin, who.phone.parId, '112233']
  expect(call.urls.length).toBeGreaterThan(10)
  for (const url of call.urls) {
    // A step path and, since each answer signs differently, a letters-only nonce: never a digit.
    expect(url).toMatch(/^\/ivr\/step\/[A-Za-z]+\?n=[a-z]+$/)
  }

  const logs = phone.logs.join('\n')
  expect(logs).toContain('/ivr/step/pin')
  const [callRow] = await phone.database.db.selectFrom('calls').selectAll().where('call_sid', '=', call.callSid).execute()
  const stored = [
    JSON.stringify(callRow),
    JSON.stringify(await phone.database.db.selectFrom('callbacks').selectAll().where('call_sid', '=', call.callSid).execute()),
    JSON.stringify(await phone.database.db.selectFrom('audit_events').selectAll().execute()),
  ].join('\n')
  expect(callRow!.identified).toBe(1)
  for (const secret of secrets) {
    expect(containsNumber(logs, secret)).toBe(false)
    expect(containsNumber(stored, secret)).toBe(false)
  }
})

it('refuses to store call state that names a secret, whatever a future step might try', async () => {
  const call = await phone.services.calls.answer('CA00000000000000000000000000000001', { fromNumber: null, language: 'en' })
  await expect(phone.services.calls.record(call, { flow: { step: 'pin', pin: '1234' } })).rejects.toThrow(/must not hold "pin"/)
  await expect(phone.services.calls.record(call, { flow: { nested: [{ Digits: '4010000101' }] } })).rejects.toThrow(/Digits/)
})
