import { maxTurnsPerCall } from '../../ivr/flowState'
import { fixedClock } from '../../server/clock'
import { createI18n, translatorFor } from '../../server/i18n'
import { maxConsecutiveFailures } from '../../server/identity/lockout'
import { callIn, persona, signedIn } from './helpers/callSteps'
import { createPhoneTestApp, officeClosed, type PhoneTestApp } from './helpers/phoneTestApp'
import { signedPost, SimulatedCall } from './helpers/simulatedCall'

// Silence, wrong keys and wrong PINs: help once, then a way forward; never dead air, never a loop.

const en = translatorFor(createI18n(), 'en')
/** A caller ID no parent has: these calls sign in with a PAR ID or case number, as any caller may. */
const unknownNumber = '+19165550199'
let phone: PhoneTestApp
beforeAll(async () => {
  // Out of hours, so a fallback to "a person" is a spoken offer rather than a Dial.
  phone = await createPhoneTestApp({ clock: fixedClock(officeClosed) })
})
afterAll(() => phone.close())

const failedAttempts = async (parId: string) =>
  (
    await phone.database.db
      .selectFrom('accounts')
      .innerJoin('participants', 'participants.id', 'accounts.participant_id')
      .select('accounts.failed_attempts')
      .where('participants.par_id', '=', parId)
      .executeTakeFirstOrThrow()
  ).failed_attempts

describe('no input and bad input at a menu', () => {
  it('helps after the first silence and falls back to a person after the second', async () => {
    const call = await signedIn(phone, persona('current-payer'))
    await call.silence()
    expect(call.text).toContain(en('ivr:problems.noInput'))
    expect(call.text).toContain(en('ivr:menu.help'))
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.silence()
    // The second miss says what happens: the caller is taken to a person, and hears that first.
    expect(call.text).toContain(`${en('ivr:problems.still.noInput')} ${en('ivr:fallback.toPerson')} ${en('ivr:person.closed', { hours: 'Monday to Friday, from 8:00 AM to 4:00 PM' })}`)
  })

  it('helps after a wrong key or words it does not know, then falls back', async () => {
    const call = await callIn(phone, 'en')
    await call.press('*')
    await call.press('7')
    expect(call.text).toContain(en('ivr:problems.badInput'))
    await call.say('banana bread')
    expect(call.last.gather?.action).toBe('/ivr/step/person')
    expect(call.text).toContain(`${en('ivr:problems.still.badInput')} ${en('ivr:fallback.toPerson')}`)
  })

  it('after an answer, two silences lead back to the menu, saying so; in Spanish too', async () => {
    const call = await signedIn(phone, persona('current-payer'))
    await call.press('1')
    await call.silence()
    expect(call.last.gather?.action).toBe('/ivr/step/afterAnswer')
    await call.silence()
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    expect(call.text).toContain(`${en('ivr:problems.still.noInput')} ${en('ivr:fallback.toMenu')}`)

    const es = translatorFor(createI18n(), 'es')
    const spanish = await callIn(phone, 'es')
    await spanish.silence()
    await spanish.say('no sé')
    expect(spanish.last.gather?.action).toBe('/ivr/step/generalMenu')
    expect(spanish.text).toContain(`${es('ivr:problems.still.badInput')} ${es('ivr:fallback.toGeneral')} ${es('ivr:generalMenu.intro')}`)
  })

  it('gives up politely when even the fallback hears nothing', async () => {
    const call = await callIn(phone, 'en')
    await call.press('*')
    for (let i = 0; i < 4 && !call.last.hangup; i++) await call.silence()
    expect(call.last.hangup).toBe(true)
    expect(call.text).toContain(en('ivr:goodbye'))
  })
})

describe('signing in', () => {
  it('explains the PAR ID after a silence or a too-short number, then offers general information', async () => {
    const call = await callIn(phone, 'en')
    await call.silence()
    expect(call.text).toContain(en('ivr:identify.help'))
    await call.press('12')
    // Never a silent drop into general information: the caller hears where they are and how to sign in.
    expect(call.last.gather?.action).toBe('/ivr/step/generalMenu')
    expect(call.text).toContain(`${en('ivr:problems.still.badInput')} ${en('ivr:fallback.toGeneral')} ${en('ivr:generalMenu.intro')}`)

    const again = await callIn(phone, 'en')
    await again.press('12')
    expect(again.text).toContain(en('ivr:identify.badNumber'))
    expect(again.last.gather?.action).toBe('/ivr/step/identify')
  })

  it('takes the PIN on the keypad only', async () => {
    const who = persona('current-payer')
    const call = await callIn(phone, 'en')
    await call.press(who.phone.parId)
    expect(call.last.gather?.input).toBe('dtmf')
    await call.silence()
    expect(call.text).toContain(en('ivr:pin.help'))
    await call.silence()
    expect(call.last.gather?.action).toBe('/ivr/step/cannotIdentify')
  })

  it('accepts a case number instead of the PAR ID, said aloud', async () => {
    const who = persona('current-payer')
    const call = await callIn(phone, 'en', unknownNumber)
    await call.say(who.cases[0]!.split('').join(' '))
    await call.press(who.phone.pin)
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
  })

  it('after three wrong PINs offers a callback, a person or general information, and counts them in the shared lockout', async () => {
    const who = persona('coap-candidate')
    const call = await callIn(phone, 'en', unknownNumber)
    for (let i = 0; i < 3; i++) {
      expect(call.last.gather?.action).toBe('/ivr/step/identify')
      await call.press(who.phone.parId)
      await call.press('000000')
      expect(call.text).toContain(en('ivr:pin.noMatch'))
    }
    expect(call.last.gather?.action).toBe('/ivr/step/cannotIdentify')
    expect(await failedAttempts(who.phone.parId)).toBe(3)
    await call.press('1')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackNumber')
    await call.hangUp()
    expect(await phone.services.calls.find(call.callSid)).toMatchObject({ identified: false, outcome: 'abandoned' })
  })

  it('shares the lockout with the web: locked on the phone means locked online, and the other way round', async () => {
    const who = persona('military-parent')
    for (let i = 0; i < maxConsecutiveFailures; i++) {
      expect((await phone.services.identity.signInWithPassword(who.web.username, 'wrong-password-123')).outcome).not.toBe('signed_in')
    }
    const call = await callIn(phone, 'en', unknownNumber)
    await call.press(who.phone.parId)
    await call.press(who.phone.pin)
    expect(call.text).toMatch(/signing in to this account is paused until \w+day, \w+ \d+ at \d+:\d\d [AP]M/)
    expect(call.last.gather?.action).toBe('/ivr/step/cannotIdentify')
    expect((await phone.services.calls.find(call.callSid))?.identified).toBe(false)

    const other = persona('uncollectible-parent')
    const first = await callIn(phone, 'en')
    for (let i = 0; i < 3; i++) {
      await first.press(other.phone.parId)
      await first.press('999999')
    }
    const second = await callIn(phone, 'en')
    for (let i = 0; i < maxConsecutiveFailures - 3; i++) {
      await second.press(other.phone.parId)
      await second.press('999999')
    }
    expect(second.text).toContain('paused until')
    expect((await phone.services.identity.signInWithPassword(other.web.username, other.web.password)).outcome).toBe('locked')
  })
})

describe('a call that will not end', () => {
  it('ends politely at the per-call limit, and answers nothing more after it', async () => {
    const call = await callIn(phone, 'en')
    await call.press('*')
    for (let turn = 3; turn < maxTurnsPerCall; turn++) await call.press('9')
    expect(call.last.hangup).toBe(false)
    await call.press('9')
    expect(call.last.hangup).toBe(true)
    expect(call.text).toContain(en('ivr:tooLong'))
    const after = await signedPost(phone.app, phone.config, '/ivr/step/generalMenu', { CallSid: call.callSid, From: '+19165550199', Digits: '1' })
    expect(after.text).toContain('<Hangup/>')
    expect(after.text).not.toContain('<Gather')
  })

  it('answers a request for a step that is not waiting with the open question, and moves nowhere', async () => {
    const call = new SimulatedCall(phone.app, phone.config)
    await call.dial()
    const response = await signedPost(phone.app, phone.config, '/ivr/step/pin', { CallSid: call.callSid, From: '+19165550199', Digits: '123456' })
    expect(response.status).toBe(200)
    expect(response.text).toContain('/ivr/step/welcome')
    const record = await phone.services.calls.find(call.callSid)
    expect(record?.path).toEqual(['welcome'])
  })

  it('takes a status callback for a call it never answered without fuss', async () => {
    const response = await signedPost(phone.app, phone.config, '/ivr/status', {
      CallSid: 'CA0123456789abcdef0123456789abcdef',
      CallStatus: 'completed',
      CallDuration: '3',
    })
    expect(response.status).toBe(204)
  })

  it('records an unidentified caller who hangs up without an answer as abandoned, with the measured length', async () => {
    const call = await callIn(phone, 'es')
    await call.hangUp(42)
    await call.hangUp(99)
    expect(await phone.services.calls.find(call.callSid)).toMatchObject({
      language: 'es',
      identified: false,
      outcome: 'abandoned',
      durationSeconds: 42,
      path: ['welcome', 'identify'],
    })
  })
})
