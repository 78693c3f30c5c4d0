import { maxSignInTriesPerCall } from '../../ivr/steps/pin'
import { fixedClock } from '../../server/clock'
import { createI18n, translatorFor } from '../../server/i18n'
import { callIn, persona } from './helpers/callSteps'
import { createPhoneTestApp, officeClosed, type PhoneTestApp } from './helpers/phoneTestApp'
import { signedPost } from './helpers/simulatedCall'

// At most three PINs are checked on one call, whatever path the caller takes back to the PIN question (the general
// menu offers "sign in" again) and however many webhooks arrive at once. The count lives on the call's record.

const en = translatorFor(createI18n(), 'en')
let phone: PhoneTestApp
beforeAll(async () => {
  phone = await createPhoneTestApp({ clock: fixedClock(officeClosed) })
})
afterAll(() => phone.close())

const pinAttempts = async (callSid: string) =>
  (await phone.database.db.selectFrom('calls').select('pin_attempts').where('call_sid', '=', callSid).executeTakeFirstOrThrow()).pin_attempts

const failedAttempts = async (parId: string) =>
  (
    await phone.database.db
      .selectFrom('accounts')
      .innerJoin('participants', 'participants.id', 'accounts.participant_id')
      .select('accounts.failed_attempts')
      .where('participants.par_id', '=', parId)
      .executeTakeFirstOrThrow()
  ).failed_attempts

describe('PIN tries per call', () => {
  it('checks no fourth PIN, not even the right one, after going back to sign in through the general menu', async () => {
    const who = persona('current-payer')
    const call = await callIn(phone, 'en', who.phone.callerId)
    for (let i = 0; i < maxSignInTriesPerCall; i++) {
      await call.press(who.phone.parId)
      await call.press('000000')
    }
    expect(call.last.gather?.action).toBe('/ivr/step/cannotIdentify')
    expect(await failedAttempts(who.phone.parId)).toBe(maxSignInTriesPerCall)

    for (let loop = 0; loop < 2; loop++) {
      await call.press('2') // general information
      expect(call.last.gather?.action).toBe('/ivr/step/generalMenu')
      await call.press('*') // sign in
      expect(call.last.gather?.action).toBe('/ivr/step/identify')
      await call.press(who.phone.parId)
      await call.press(who.phone.pin)
      expect(call.last.gather?.action).toBe('/ivr/step/cannotIdentify')
      expect(call.text).toContain(en('ivr:cannotIdentify.intro'))
      expect(call.text).not.toContain(en('ivr:pin.signedIn'))
    }
    expect(await failedAttempts(who.phone.parId)).toBe(maxSignInTriesPerCall)
    expect(await pinAttempts(call.callSid)).toBe(maxSignInTriesPerCall)
    expect(await phone.services.calls.find(call.callSid)).toMatchObject({ identified: false, participantId: null })
  })

  it('checks at most three of many PINs that arrive at once for one call', async () => {
    const who = persona('suspended-license')
    const call = await callIn(phone, 'en', who.phone.callerId)
    await call.press(who.phone.parId)
    expect(call.last.gather?.action).toBe('/ivr/step/pin')
    const checks = jest.spyOn(phone.services.identity, 'signInWithPin')
    try {
      const params = { CallSid: call.callSid, AccountSid: 'AC00000000000000000000000000000000', From: who.phone.callerId, To: '+18665550100' }
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => signedPost(phone.app, phone.config, '/ivr/step/pin', { ...params, Digits: `00000${i % 10}`, Nonce: String(i) })),
      )
      expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200))
      expect(checks.mock.calls.length).toBeLessThanOrEqual(maxSignInTriesPerCall)
      expect(await pinAttempts(call.callSid)).toBe(maxSignInTriesPerCall)
    } finally {
      checks.mockRestore()
    }
  })
})
