import { type Clock, fixedClock } from '../../server/clock'
import { answerNames, stepNames } from '../../ivr/flowState'
import { createI18n, translatorFor } from '../../server/i18n'
import { callIn, keyReadFor, persona, signedIn } from './helpers/callSteps'
import { createPhoneTestApp, officeClosed, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import { SimulatedCall } from './helpers/simulatedCall'

// Every branch of the call flow, by keypad and by voice, in office hours and out of them.

const i18n = createI18n()
const en = translatorFor(i18n, 'en')
const es = translatorFor(i18n, 'es')

let now = officeOpen
const clock: Clock = { now: () => fixedClock(now).now() }
let phone: PhoneTestApp
beforeAll(async () => {
  phone = await createPhoneTestApp({ clock })
})
afterAll(() => phone.close())
beforeEach(() => {
  now = officeOpen
})

const record = (call: SimulatedCall) => phone.services.calls.find(call.callSid)

describe('welcome and language', () => {
  it('stays in English when the caller waits, and goes on to sign-in', async () => {
    const call = new SimulatedCall(phone.app, phone.config)
    await call.dial()
    expect(call.last.lines.map((l) => l.voice)).toEqual(['Polly.Joanna', 'Polly.Joanna', 'Polly.Lupe'])
    await call.silence()
    expect(call.last.gather).toMatchObject({ action: '/ivr/step/identify', language: 'en-US' })
    expect(call.text).toContain(en('ivr:identify.ask'))
  })

  it('switches to Spanish when the caller says "español", for the rest of the call', async () => {
    const call = new SimulatedCall(phone.app, phone.config)
    await call.dial()
    await call.say('Español')
    expect(call.last.gather).toMatchObject({ action: '/ivr/step/identify', language: 'es-US' })
    await call.press('*')
    expect(call.text).toContain(es('ivr:generalMenu.intro'))
    expect((await record(call))?.language).toBe('es')
  })
})

describe('general information for callers who do not sign in', () => {
  it('reaches every answer of the general menu and each way to pay, then goes back', async () => {
    const call = await callIn(phone, 'en')
    await call.say('I don’t have it')
    expect(call.last.gather?.action).toBe('/ivr/step/generalMenu')

    await call.press('1')
    // Hours and offices from the agency directory the web reads, places without their ZIP code.
    expect(call.text).toContain('Representatives answer Monday to Friday, from 8:00 AM to 4:00 PM, Pacific time')
    expect(call.text).toContain(en('ivr:general.openNow'))
    const directory = phone.config.agencyDirectory
    for (const office of directory.offices) {
      expect(call.text).toContain(`${office.name.en}: ${office.address.lines.join(', ')}, ${office.address.city}, California.`)
      expect(call.text).not.toContain(office.address.postalCode)
    }
    expect(call.text).toContain('closed from 12:00 PM to 1:00 PM')
    // After an answer: "1 to hear it again, 2 for the menu", not the whole menu.
    expect(call.last.gather?.action).toBe('/ivr/step/afterAnswer')
    expect(call.text).not.toContain(en('ivr:generalMenu.howToApply'))
    await call.press('2')
    await call.press('3')
    expect(call.text).toContain(en('ivr:general.howToApply'))
    await call.say('menu')
    await call.press('4')
    expect(call.text).toContain(en('ivr:general.weDoNot'))
    await call.press('1')
    expect(call.text).toContain(en('ivr:general.weDoNot'))
    await call.press('9')
    expect(call.text).toContain(en('ivr:general.weDoNot'))
    await call.press('2')

    await call.press('2')
    expect(call.last.gather?.action).toBe('/ivr/step/paymentOptions')
    // Each way to pay with its real destination, from the agency directory: what a caller can act on.
    const ways: Array<[string, string[]]> = [
      ['1', ['childsupport.ca.gov/make-a-payment', 'call the State Disbursement Unit at 8 6 6, 9 0 1, 3 2 1 2, and press 1', '1.9 percent']],
      ['2', ['receive code 1 4 6 3 0', '1 dollar and 99 cents', '8 0 0, 9 2 6, 9 4 0 0']],
      ['3', ['7-Eleven, Family Dollar, or ACE Cash Express', 'paynearme.com/california']],
      ['4', ['payable to California State Disbursement Unit', 'Mail it to: P.O. Box 9 8 9 0 6 7, West Sacramento, California, 9 5 7 9 8, 9 0 6 7.']],
      ['5', ['2.49 percent, at least 3 dollars and 95 cents']],
      ['6', [en('ivr:pay.withholding')]],
    ]
    for (const [key, heard] of ways) {
      await call.press(key)
      for (const words of heard) expect(call.text).toContain(words)
      expect(call.text).not.toContain('billing statement')
      await call.press('2')
      expect(call.last.gather?.action).toBe('/ivr/step/paymentOptions')
    }
    await call.say('PayPal')
    expect(call.text).toContain('You can pay with PayPal')
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/paymentOptions')
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/generalMenu')
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/identify')

    await call.hangUp()
    expect(await record(call)).toMatchObject({ identified: false, outcome: 'resolved_by_phone' })
    expect((await record(call))!.path).toEqual(expect.arrayContaining(['generalMenu', 'officeHours', 'paymentOptions', 'payPal', 'howToApply', 'whatWeDo']))
  })

  it('tells a caller out of hours when the office opens again', async () => {
    now = officeClosed
    const call = await callIn(phone, 'es')
    await call.press('*')
    await call.press('1')
    expect(call.text).toContain(es('ivr:general.closedNow', { time: 'mañana a las 8:00 a.m.' }).replace('..', '.'))
    expect(call.text).toContain('Oficina principal: 3960 Research Park Drive, Sacramento, California. Abierta de lunes a viernes, de 8:00 a.m. a 4:00 p.m.')
    expect(call.text).not.toMatch(/p\.m\.\./)
  })
})

describe('a person', () => {
  it('in office hours, transfers the caller to the agent line', async () => {
    const call = await callIn(phone, 'en')
    await call.press('*')
    await call.press('0')
    expect(call.last.dial).toMatchObject({ numbers: [phone.config.agency.agentLineNumber], action: '/ivr/step/afterDial' })
    expect(call.text).toContain(en('ivr:person.connecting'))
    expect((await record(call))?.outcome).toBe('transferred')
    await call.dialEnded('completed')
    expect(call.last.hangup).toBe(true)
    await call.hangUp()
    expect((await record(call))?.outcome).toBe('transferred')
  })

  it('when nobody answers, offers a callback instead and the call is no longer counted as transferred', async () => {
    const who = persona('current-payer')
    const call = await signedIn(phone, who)
    await call.say('I want to speak to a representative')
    expect(call.last.dial).not.toBeNull()
    await call.dialEnded('no-answer')
    expect(call.text).toContain(en('ivr:person.busy'))
    expect((await record(call))?.outcome).toBe('in_progress')
    await call.press('1')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackNumber')
  })

  it('outside office hours, says when people answer next and offers a callback; no Dial', async () => {
    now = officeClosed
    const call = await signedIn(phone, persona('current-payer'))
    await call.press('0')
    expect(call.last.dial).toBeNull()
    expect(call.text).toContain(en('ivr:person.closed', { hours: 'Monday to Friday, from 8:00 AM to 4:00 PM' }))
    expect(call.text).toContain(en('ivr:person.opensAt', { time: 'tomorrow at 8:00 AM' }))
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.press('0')
    await call.silence()
    await call.silence()
    expect(call.last.hangup).toBe(true)
    expect(call.text).toContain(en('ivr:fallback.goodbye'))
  })
})

describe('a callback by phone', () => {
  it('a signed-in caller confirms the caller ID, picks a window and a topic, and hears the code one character at a time', async () => {
    const who = persona('current-payer')
    const call = await signedIn(phone, who)
    await call.press('1')
    await call.press('2')
    await call.press('3')
    await call.press('4')
    expect(call.text).toContain('9 1 6, 5 5 5, 0 1 0 1')
    await call.press('1')
    await call.say('in the afternoon')
    await call.press('3')

    const row = await phone.database.db.selectFrom('callbacks').selectAll().where('call_sid', '=', call.callSid).executeTakeFirstOrThrow()
    const participantId = await phone.participantIdOf(who.phone.parId)
    expect(row).toMatchObject({ channel: 'phone', phone: who.phone.callerId, preferred_window: 'afternoon', topic: 'license', participant_id: participantId, language: 'en' })
    expect(row.case_id).not.toBeNull()
    expect(JSON.parse(row.phone_context!)).toMatchObject({ heard: ['balance'], identified: true })
    const spokenCode = [...row.confirmation_code].join(' ')
    expect(call.text).toContain(en('ivr:callback.code', { code: spokenCode }))
    expect(call.text).toContain(en('ivr:callback.codeAgain', { code: spokenCode }))
    expect((await record(call))?.outcome).toBe('callback_requested')

    await call.press('1')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    // The request just filed is pending, so "a call back" now tells its status first; 1 asks for another all the same.
    await call.say('call me back')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackStatus')
    expect(call.text).toContain(spokenCode)
    await call.press('1')
    await call.press('1')
    await call.press('2')
    await call.press('3')
    expect(call.text).toContain(en('ivr:callback.alreadyRequested', { time: '@' }).split('@')[0])
    await call.press('2')
    expect(call.last.hangup).toBe(true)
    await call.hangUp()
    expect((await record(call))?.outcome).toBe('callback_requested')
  })

  it('a caller with no caller ID keys a number in; a wrong number gets help first', async () => {
    const call = await callIn(phone, 'es', null)
    await call.press('*')
    await call.press('0')
    await call.dialEnded('busy')
    await call.press('1')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackOtherNumber')
    await call.press('12345')
    expect(call.text).toContain(es('ivr:callback.numberHelp'))
    await call.press('9165550123')
    expect(call.text).toContain(es('ivr:callback.numberIs', { number: '9 1 6, 5 5 5, 0 1 2 3' }))
    await call.press('1')
    await call.say('otro asunto')
    const row = await phone.database.db.selectFrom('callbacks').selectAll().where('call_sid', '=', call.callSid).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ phone: '+19165550123', participant_id: null, case_id: null, topic: 'other', language: 'es', preferred_window: 'asap' })
  })

  it('files nothing when the caller never gives a usable number', async () => {
    const call = await callIn(phone, 'en', null)
    await call.press('*')
    await call.press('0')
    await call.dialEnded('failed')
    await call.press('1')
    await call.press('555')
    await call.press('0000000000')
    expect(call.text).toContain(en('ivr:callback.notFiled'))
    expect(call.last.gather?.action).toBe('/ivr/step/generalMenu')
    expect(await phone.database.db.selectFrom('callbacks').select('id').where('call_sid', '=', call.callSid).execute()).toEqual([])
  })
})

describe('the main menu', () => {
  it('goes to how to pay and back, to general information and back, and between cases', async () => {
    const call = await signedIn(phone, persona('both-roles'))
    // The first case is one where this parent receives support: how to pay is offered nowhere, by key or by voice.
    expect(call.transcript.at(-2)!.lines.map((l) => l.text)).toContain(en('ivr:menu.press', { choice: en('ivr:caseChoice.receiving', { digits: '7 7 3 3' }), key: '1' }))
    await call.press('3')
    expect(call.text).not.toContain(en('ivr:mainMenu.howToPay'))
    // The keys close up where how to pay would be: 1, 2, 3, 4, 5, never a gap.
    const readKeys = call.last.lines.map((l) => /press (\d)\.$/.exec(l.text)?.[1]).filter(Boolean)
    expect(readKeys).toEqual(['1', '2', '3', '4', '5', '0'])
    expect(keyReadFor(call, en('ivr:mainMenu.callback'))).toBe('3')
    await call.press('6')
    expect(call.text).toContain(en('ivr:problems.badInput'))
    await call.press(keyReadFor(call, en('ivr:mainMenu.general')))
    expect(call.text).not.toContain(en('ivr:generalMenu.howToPay'))
    expect(call.last.lines.map((l) => /press (\d)\.$/.exec(l.text)?.[1]).filter(Boolean)).toEqual(['1', '2', '3', '0'])
    await call.say('how to pay')
    expect(call.last.gather?.action).not.toBe('/ivr/step/paymentOptions')
    await call.press('*')
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/caseChoice')
    await call.press('2')

    // On the second, they pay: "more options" offers how to pay, and star comes back to it.
    await call.press('3')
    await call.press('3')
    expect(call.last.gather?.action).toBe('/ivr/step/paymentOptions')
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/moreOptions')
    await call.press('5')
    expect(call.text).toContain(en('ivr:generalMenu.backToCase'))
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.say('go back')
    expect(call.last.gather?.action).toBe('/ivr/step/caseChoice')
    await call.say('go back')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.say('another case')
    await call.say('number two')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.say('how much do I owe')
    expect((await record(call))!.path.at(-1)).toBe('balance')
    await call.press('9')
    expect(call.transcript.at(-1)!.lines).toEqual(call.transcript.at(-2)!.lines)
    await call.press('1')
    expect(call.transcript.at(-1)!.lines).toEqual(call.transcript.at(-2)!.lines)
  })

  it('does not offer "another case" to a parent with one case', async () => {
    const call = await signedIn(phone, persona('current-payer'))
    expect(call.text).not.toContain(en('ivr:mainMenu.otherCase'))
    await call.press('*')
    expect(call.text).toContain(en('ivr:menu.atTop'))
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.press('3')
    expect(call.text).not.toContain(en('ivr:mainMenu.otherCase'))
    await call.press('6')
    expect(call.text).toContain(en('ivr:problems.badInput'))
  })
})

describe('after three wrong PINs', () => {
  it('leads to a person or to general information, by key or by voice', async () => {
    const who = persona('low-income-exempt')
    // From a number the line does not know: each try is a PAR ID and a PIN.
    const call = await callIn(phone, 'en')
    for (let i = 0; i < 3; i++) {
      await call.press(who.phone.parId)
      await call.press('000000')
    }
    expect(call.text).toContain(en('ivr:cannotIdentify.intro'))
    await call.say('general information please')
    expect(call.last.gather?.action).toBe('/ivr/step/generalMenu')

    // Another parent: a fourth wrong PIN would bring this one close to the shared lockout.
    const second = persona('former-calworks-receiver')
    const other = await callIn(phone, 'en')
    for (let i = 0; i < 3; i++) {
      await other.press(second.phone.parId)
      await other.press('000000')
    }
    await other.say('agent')
    expect(other.last.dial).not.toBeNull()
  })
})

describe('the whole tree', () => {
  it('every step and every answer of the call flow was reached by the calls of this file and one more', async () => {
    const call = await signedIn(phone, persona('fee-paying-receiver'))
    await call.press('2')
    await call.press('9')
    for (const key of ['2', '3', '1', '2', '2']) await call.press(key)
    const rows = await phone.database.db.selectFrom('calls').select('path').execute()
    const reached = new Set(rows.flatMap((row) => JSON.parse(row.path) as string[]))
    const missing = [...stepNames, ...answerNames].filter((name) => !reached.has(name))
    expect(missing).toEqual([])
  })
})
