import { fixedClock } from '../../server/clock'
import { createI18n, translatorFor } from '../../server/i18n'
import { callIn, persona } from './helpers/callSteps'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import { SimulatedCall } from './helpers/simulatedCall'

// A caller whose number (Twilio's From) belongs to exactly one parent who can sign in by phone is greeted in that
// parent's language and asked for the PIN only, with nothing about the parent or the case said before the PIN is
// right. An unknown number, a number two parents share, or the number of a parent without a PIN goes on as before:
// the greeting in English with the offer of Spanish, then the PAR ID.

const i18n = createI18n()
const en = translatorFor(i18n, 'en')
const es = translatorFor(i18n, 'es')
let phone: PhoneTestApp
beforeAll(async () => {
  phone = await createPhoneTestApp({ clock: fixedClock(officeOpen) })
})
afterAll(() => phone.close())

const record = (call: SimulatedCall) => phone.services.calls.find(call.callSid)

async function dialFrom(from: string | null) {
  const call = new SimulatedCall(phone.app, phone.config, from)
  await call.dial()
  return call
}

/** What any caller the line does not recognise hears first. */
function expectUnknownCallerGreeting(call: SimulatedCall) {
  expect(call.last.lines).toEqual([
    expect.objectContaining({ text: en('ivr:welcome.greeting'), voice: 'Polly.Joanna' }),
    expect.objectContaining({ text: en('ivr:welcome.offerThisLanguage'), voice: 'Polly.Joanna' }),
    expect.objectContaining({ text: es('ivr:welcome.offerThisLanguage'), voice: 'Polly.Lupe' }),
  ])
}

describe('a caller from a parent’s own number', () => {
  it('in Spanish: greeted in Spanish, asked only for the PIN, and told nothing before it is right', async () => {
    const who = persona('spanish-speaker')
    const call = await dialFrom(who.phone.callerId)
    expect(call.last.lines).toEqual([
      expect.objectContaining({ text: es('ivr:welcome.greeting'), voice: 'Polly.Lupe', language: 'es-US' }),
      expect.objectContaining({ text: en('ivr:welcome.offerOtherLanguage'), voice: 'Polly.Joanna' }),
    ])
    expect(call.last.gather?.language).toBe('es-US')
    // Waiting keeps the parent's language.
    await call.silence()
    expect(call.last.gather).toMatchObject({ action: '/ivr/step/pin', input: 'dtmf', language: 'es-US' })
    expect(call.text).toBe(es('ivr:pin.askRecognized'))
    expect(call.everything).not.toMatch(/Rosa|Morales|dólar|\d \d \d \d/i)
    await call.press(who.phone.pin)
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    expect(call.text).toContain(es('ivr:pin.signedIn'))
    const stored = await record(call)
    expect(stored).toMatchObject({ language: 'es', identified: true, participantId: await phone.participantIdOf(who.phone.parId) })
    expect(stored!.path.slice(0, 3)).toEqual(['welcome', 'pin', 'mainMenu'])
  })

  it('in English, and the caller may still choose the other language', async () => {
    const who = persona('current-payer')
    const call = await dialFrom(who.phone.callerId)
    expect(call.last.lines).toEqual([
      expect.objectContaining({ text: en('ivr:welcome.greeting'), voice: 'Polly.Joanna' }),
      expect.objectContaining({ text: es('ivr:welcome.offerOtherLanguage'), voice: 'Polly.Lupe' }),
    ])
    await call.say('español')
    expect(call.last.gather?.language).toBe('es-US')
    expect(call.text).toBe(es('ivr:pin.askRecognized'))
    await call.press(who.phone.pin)
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    expect((await record(call))?.language).toBe('es')
  })

  it('a wrong PIN asks for the PIN again, not for the PAR ID; star signs in with a PAR ID instead', async () => {
    const who = persona('fv-paying-parent')
    const call = await callIn(phone, 'en', who.phone.callerId)
    await call.press('000000')
    expect(call.text).toBe(`${en('ivr:pin.noMatch')} ${en('ivr:pin.tryAgain')} ${en('ivr:pin.askRecognized')}`)
    expect(call.last.gather?.action).toBe('/ivr/step/pin')
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/identify')
    expect(call.text).toContain(en('ivr:identify.ask'))
    // From here the caller is anyone: their PAR ID and PIN, not the number they call from, say who they are.
    await call.press(persona('current-payer').phone.parId)
    expect(call.text).toBe(en('ivr:pin.ask'))
    await call.press(persona('current-payer').phone.pin)
    expect((await record(call))?.participantId).toBe(await phone.participantIdOf(persona('current-payer').phone.parId))
  })

  it('after three wrong PINs, no more guessing on this call', async () => {
    const who = persona('uncollectible-parent')
    const call = await callIn(phone, 'es', who.phone.callerId)
    for (let i = 0; i < 3; i++) await call.press('000000')
    expect(call.last.gather?.action).toBe('/ivr/step/cannotIdentify')
    expect((await record(call))?.identified).toBe(false)
  })
})

describe('a caller the line cannot pin to one parent goes on as before', () => {
  it('an unknown number, or none at all', async () => {
    for (const from of ['+19165550199', null]) {
      const call = await dialFrom(from)
      expectUnknownCallerGreeting(call)
      await call.press('1')
      expect(call.last.gather?.action).toBe('/ivr/step/identify')
    }
  })

  it('a number two parents share', async () => {
    const spanish = persona('spanish-speaker')
    const other = await phone.participantIdOf(persona('coap-candidate').phone.parId)
    await phone.database.db.updateTable('participants').set({ phone_mobile: spanish.phone.callerId }).where('id', '=', other).execute()
    try {
      const call = await dialFrom(spanish.phone.callerId)
      expectUnknownCallerGreeting(call)
      await call.silence()
      expect(call.last.gather?.action).toBe('/ivr/step/identify')
    } finally {
      await phone.database.db.updateTable('participants').set({ phone_mobile: null }).where('id', '=', other).execute()
    }
  })

  it('the number of a parent who has no phone PIN yet', async () => {
    const pending = persona('released-parent')
    const call = await dialFrom(pending.phone.callerId)
    expectUnknownCallerGreeting(call)
  })

  it('a parent recognised by their mobile number is recognised all the same', async () => {
    const who = persona('hearing-next-week')
    const id = await phone.participantIdOf(who.phone.parId)
    await phone.database.db.updateTable('participants').set({ phone_mobile: '+19165550321' }).where('id', '=', id).execute()
    const call = await dialFrom('+19165550321')
    expect(call.last.lines[0]).toMatchObject({ text: en('ivr:welcome.greeting') })
    await call.silence()
    expect(call.text).toBe(en('ivr:pin.askRecognized'))
  })
})
