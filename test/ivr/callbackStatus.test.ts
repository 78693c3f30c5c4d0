import { type Clock, fixedClock } from '../../server/clock'
import type { CallbackTopic } from '../../server/callbacks/callbackRequest'
import { createI18n, translatorFor } from '../../server/i18n'
import { englishRep } from '../console/consoleTestApp'
import { keyReadFor, persona, signedIn } from './helpers/callSteps'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import type { SimulatedCall } from './helpers/simulatedCall'

// "A call back" (more options, 4) for a parent who already asked for a call back: the line reads where each pending request
// stands (topic, waiting or being worked, by when, its code) before offering another one.

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
afterEach(async () => {
  await phone.database.db.deleteFrom('callback_attempts').execute()
  await phone.database.db.deleteFrom('callbacks').execute()
})

const record = (call: SimulatedCall) => phone.services.calls.find(call.callSid)

/** A request the parent filed on the web, on their first case. */
async function filedOnWeb(personaId: string, topic: CallbackTopic, options: { language?: 'en' | 'es'; window?: 'asap' | 'morning' | 'afternoon' } = {}) {
  const participantId = await phone.participantIdOf(persona(personaId).phone.parId)
  const role = await phone.database.db.selectFrom('case_roles').select('case_id').where('participant_id', '=', participantId).executeTakeFirstOrThrow()
  const { callback, existing } = await phone.services.callbacks.requestCallback({
    principal: { kind: 'parent', participantId },
    caseId: role.case_id,
    phone: '+19165550142',
    language: options.language ?? 'en',
    topic,
    preferredWindow: options.window ?? 'morning',
    channel: 'web',
  })
  expect(existing).toBe(false)
  return callback
}

const spelled = (code: string) => [...code].join(' ')

/** "More options", then "a call back". */
async function askForCallBack(call: SimulatedCall, language: 'en' | 'es' = 'en') {
  await call.press('3')
  await call.press(keyReadFor(call, (language === 'es' ? es : en)('ivr:mainMenu.callback')))
}

describe('a caller with a pending request', () => {
  it('hears its topic, that it is waiting, by when we will call and its code, then 1 goes on to a new request', async () => {
    const callback = await filedOnWeb('current-payer', 'payments')
    const call = await signedIn(phone, persona('current-payer'))
    await askForCallBack(call)

    expect(call.last.gather?.action).toBe('/ivr/step/callbackStatus')
    expect(call.text).toContain(en('ivr:callbackStatus.intro', { count: 1 }))
    expect(call.text).toContain('Your request about a payment is waiting for a representative.')
    // Filed Monday at 10:00 for a morning call: due by the end of that morning, noon Pacific.
    expect(callback.dueBy.toISOString()).toBe('2025-11-24T20:00:00.000Z')
    expect(call.text).toContain('We will call you by today at 12:00 PM.')
    expect(call.text).toContain(`The confirmation code for this request is ${spelled(callback.confirmationCode)}.`)
    expect(call.text).not.toContain(en('ivr:callbackStatus.more', { count: 1 }))
    expect(call.text).toContain(en('ivr:menu.press', { choice: en('ivr:callbackStatus.another'), key: '1' }))
    expect(call.text).toContain(en('ivr:menu.press', { choice: en('ivr:callbackStatus.back'), key: 'star' }))

    // The request read out is the parent's only one: nothing was filed by hearing it.
    await call.press('1')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackNumber')
    expect(call.text).toContain('9 1 6, 5 5 5, 0 1 0 1')
    await call.press('1')
    await call.press('1')
    await call.press('3')
    expect(call.text).toContain(en('ivr:callback.requested', { time: '@' }).split('@')[0])
    const participantId = await phone.participantIdOf(persona('current-payer').phone.parId)
    const mine = await phone.services.callbacks.findOpenForParent(participantId)
    expect(mine.map((c) => c.topic).sort()).toEqual(['license', 'payments'])
    expect((await record(call))!.path).toEqual(expect.arrayContaining(['callbackStatus', 'pendingCallbacks', 'callbackNumber']))
  })

  it('goes back to the main menu with *, and the call counts as answered by the phone line', async () => {
    await filedOnWeb('fee-paying-receiver', 'documents')
    const call = await signedIn(phone, persona('fee-paying-receiver'))
    await askForCallBack(call)
    expect(call.text).toContain('Your request about documents we asked for is waiting for a representative.')
    await call.press('*')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.hangUp()
    const stored = await record(call)
    expect(stored!.path.slice(-3)).toEqual(['callbackStatus', 'pendingCallbacks', 'mainMenu'])
    expect(stored!.outcome).toBe('resolved_by_phone')
    // The request is still there: going back cancels nothing.
    const participantId = await phone.participantIdOf(persona('fee-paying-receiver').phone.parId)
    expect(await phone.services.callbacks.findOpenForParent(participantId)).toHaveLength(1)
  })

  it('says 9 again with the statuses, and a wrong key gets help, not the statuses a second time', async () => {
    const callback = await filedOnWeb('low-income-exempt', 'license')
    const call = await signedIn(phone, persona('low-income-exempt'))
    await askForCallBack(call)
    await call.press('4')
    expect(call.text).toContain(en('ivr:problems.badInput'))
    expect(call.text).not.toContain(spelled(callback.confirmationCode))
    await call.press('9')
    expect(call.text).toContain(`The confirmation code for this request is ${spelled(callback.confirmationCode)}.`)
    expect(call.last.gather?.action).toBe('/ivr/step/callbackStatus')
  })

  it('says a representative is working on a claimed request, and owns up to a time already past', async () => {
    const callback = await filedOnWeb('suspended-license', 'court', { window: 'asap' })
    const staff = await phone.database.db.selectFrom('staff').select('id').where('username', '=', englishRep.username).executeTakeFirstOrThrow()
    // Claimed ten minutes before it is due, and heard five minutes after: late, but the claim has not lapsed.
    now = new Date(callback.dueBy.getTime() - 10 * 60_000).toISOString()
    expect((await phone.services.callbacks.claim(callback.id, staff.id)).ok).toBe(true)
    now = new Date(callback.dueBy.getTime() + 5 * 60_000).toISOString()
    const call = await signedIn(phone, persona('suspended-license'))
    await askForCallBack(call)
    expect(call.text).toContain('A representative is working on your request about a court date.')
    expect(call.text).toContain(en('ivr:callbackStatus.late', { time: '@' }).split('@')[0])
    expect(call.text).not.toContain(en('ivr:callbackStatus.callBy', { time: '@' }).split('@')[0])
  })

  it('says a request whose claim lapsed is waiting again, not being worked on', async () => {
    const callback = await filedOnWeb('military-parent', 'documents', { window: 'asap' })
    const staff = await phone.database.db.selectFrom('staff').select('id').where('username', '=', englishRep.username).executeTakeFirstOrThrow()
    expect((await phone.services.callbacks.claim(callback.id, staff.id)).ok).toBe(true)
    now = new Date(Date.parse(now) + 90 * 60_000).toISOString()
    const call = await signedIn(phone, persona('military-parent'))
    await askForCallBack(call)
    expect(call.text).not.toContain('A representative is working on your request')
    expect(call.text).toContain(spelled(callback.confirmationCode))
  })

  it('reads the three due first, in that order, and says how many more there are', async () => {
    // Filed at different hours for different windows, so neither the order of filing nor the service's listing
    // (newest first) is the order in which the requests fall due.
    const monday = (hour: number) => `2025-11-24T${String(hour + 8).padStart(2, '0')}:00:00Z`
    const requests: Array<[number, CallbackTopic, 'morning' | 'afternoon']> = [
      [10, 'other', 'afternoon'], // Monday 4 PM
      [10, 'court', 'morning'], // Monday noon
      [13, 'documents', 'morning'], // Tuesday noon
      [13, 'payments', 'afternoon'], // Monday 4 PM, filed after "other"
      [14, 'balance', 'morning'], // Tuesday noon
    ]
    const filed = []
    for (const [hour, topic, window] of requests) {
      now = monday(hour)
      filed.push(await filedOnWeb('current-calworks-receiver', topic, { window }))
    }
    now = monday(15)
    const call = await signedIn(phone, persona('current-calworks-receiver'))
    await askForCallBack(call)
    expect(call.text).toContain('You already have 5 callback requests pending.')
    expect(call.text).toContain('You have 2 more requests pending.')
    const heard = filed.filter((c) => call.text.includes(spelled(c.confirmationCode)))
    expect(heard.map((c) => c.topic).sort()).toEqual(['court', 'other', 'payments'])
    const at = (topic: string) => call.text.indexOf(`about ${en(`ivr:callbackStatus.topics.${topic}`)}`)
    expect(at('court')).toBeGreaterThan(-1)
    expect(at('court')).toBeLessThan(at('other'))
    expect(at('other')).toBeLessThan(at('payments'))
    // At 3 PM the noon request is late; the others still fall due later that day.
    expect(call.text).toContain('We meant to call you by today at 12:00 PM, and we will call you as soon as we can.')
    expect(call.text).toContain('We will call you by today at 4:00 PM.')
  })
})

describe('a caller with nothing pending', () => {
  it('goes straight to the number confirmation, even when another parent has requests', async () => {
    await filedOnWeb('current-payer', 'balance')
    const call = await signedIn(phone, persona('military-parent'))
    await askForCallBack(call)
    expect(call.last.gather?.action).toBe('/ivr/step/callbackNumber')
    expect(call.text).not.toContain(en('ivr:callbackStatus.another'))
    expect((await record(call))!.path).not.toContain('callbackStatus')
  })

  it('after every request has closed, hears that none is pending on "repeat"', async () => {
    const callback = await filedOnWeb('coap-candidate', 'balance')
    const call = await signedIn(phone, persona('coap-candidate'))
    await askForCallBack(call)
    const participantId = await phone.participantIdOf(persona('coap-candidate').phone.parId)
    expect((await phone.services.callbacks.cancelByParent(participantId, callback.id)).ok).toBe(true)
    await call.press('9')
    expect(call.text).toContain(en('ivr:callbackStatus.none'))
  })
})

describe('in Spanish', () => {
  it('reads the status in Spanish, with the time and the code as the line says them', async () => {
    const callback = await filedOnWeb('spanish-speaker', 'order_change', { language: 'es' })
    const call = await signedIn(phone, persona('spanish-speaker'), 'es')
    await askForCallBack(call, 'es')
    expect(call.text).toContain('Ya tiene una solicitud de llamada pendiente.')
    expect(call.text).toContain('Su solicitud sobre un cambio de su orden de manutención está en espera de un representante.')
    // The voice layer says "p.m." once where the sentence's own full stop follows it.
    expect(call.text).toContain(es('ivr:callbackStatus.callBy', { time: 'hoy a las 12:00 p.m.' }).replace('..', '.'))
    expect(call.text).toContain(es('ivr:callbackStatus.code', { code: spelled(callback.confirmationCode) }))
    expect(call.text).toContain(es('ivr:menu.press', { choice: es('ivr:callbackStatus.back'), key: 'asterisco' }))
    expect(call.last.gather?.language).toBe('es-US')
    await call.say('quiero pedir otra llamada')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackNumber')
  })

  it('goes back to the main menu when the caller says so', async () => {
    await filedOnWeb('spanish-speaker', 'court', { language: 'es' })
    const call = await signedIn(phone, persona('spanish-speaker'), 'es')
    await call.say('que me llamen')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackStatus')
    await call.say('volver al menú principal')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
  })
})

describe('by voice in English', () => {
  it('"call me back" hears the status, "another call back" goes on, "main menu" goes back', async () => {
    await filedOnWeb('hearing-next-week', 'court')
    const call = await signedIn(phone, persona('hearing-next-week'))
    await call.say('call me back')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackStatus')
    expect(call.text).toContain('Your request about a court date is waiting for a representative.')
    await call.say('the main menu please')
    expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
    await call.say('callback')
    await call.say('I need another call back')
    expect(call.last.gather?.action).toBe('/ivr/step/callbackNumber')
  })
})
