import { type Clock, fixedClock } from '../../server/clock'
import { createI18n, type Language, translatorFor } from '../../server/i18n'
import { callIn, persona, signedIn } from './helpers/callSteps'
import { createPhoneTestApp, officeClosed, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import { SimulatedCall } from './helpers/simulatedCall'

// The commands every menu shares, in both languages, by key and by voice: 0 (or "agent", "una persona") for a
// person, star (or "go back", "regresar") back, 9 (or "repeat", "repetir") to hear it again. Each prompt of the line
// is reached by a whole call, and each command is tried there.

const i18n = createI18n()
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

type Way = 'keys' | 'speech'
const words: Record<Language, { person: string[]; back: string; repeat: string }> = {
  en: { person: ['agent', 'I want to talk to a representative'], back: 'go back', repeat: 'repeat that' },
  es: { person: ['una persona', 'quiero hablar con una persona'], back: 'regresar', repeat: 'repetir' },
}

async function command(call: SimulatedCall, language: Language, way: Way, which: 'person' | 'back' | 'repeat', attempt = 0) {
  if (way === 'keys') return call.press({ person: '0', back: '*', repeat: '9' }[which])
  const said = words[language][which]
  return call.say(Array.isArray(said) ? said[attempt % said.length]! : said)
}

const path = (step: string) => `/ivr/step/${step}`

interface Prompt {
  name: string
  /** Reaches the prompt in a new call; the step's path is then waiting. */
  reach(language: Language): Promise<SimulatedCall>
  /** Where star leads. */
  back: string
  /** A PIN is keyed only, so it hears no voice commands. */
  keysOnly?: boolean
  /** Where the office is closed, "a person" is the offer of a call back rather than a Dial. */
  closed?: boolean
}

async function wrongParId(language: Language) {
  const call = await callIn(phone, language)
  for (let i = 0; i < 3; i++) {
    await call.press('9999999999')
    await call.press('000000')
  }
  return call
}

/** "More options", "a call back": the status of pending requests first when there are any, unless `toNew`. */
async function callbackFrom(language: Language, who = 'current-payer', toNew = true) {
  const call = await signedIn(phone, persona(who), language)
  await call.press('3')
  await call.press('4')
  if (toNew && call.last.gather?.action === '/ivr/step/callbackStatus') await call.press('1')
  return call
}

async function pendingRequestOf(who: string) {
  const participantId = await phone.participantIdOf(persona(who).phone.parId)
  if ((await phone.services.callbacks.findOpenForParent(participantId)).length > 0) return
  const role = await phone.database.db.selectFrom('case_roles').select('case_id').where('participant_id', '=', participantId).executeTakeFirstOrThrow()
  await phone.services.callbacks.requestCallback({
    principal: { kind: 'parent', participantId },
    caseId: role.case_id,
    phone: '+19165550142',
    language: 'en',
    topic: 'court',
    preferredWindow: 'morning',
    channel: 'web',
  })
}

const prompts: Prompt[] = [
  {
    // The greeting, in English for an unknown number and in Spanish for a Spanish-speaking parent's own number.
    name: 'welcome',
    back: 'welcome',
    async reach(language) {
      const call = new SimulatedCall(phone.app, phone.config, language === 'es' ? persona('spanish-speaker').phone.callerId : '+19165550199')
      await call.dial()
      return call
    },
  },
  { name: 'identify', back: 'generalMenu', reach: (language) => callIn(phone, language) },
  {
    name: 'pin',
    back: 'identify',
    keysOnly: true,
    async reach(language) {
      const call = await callIn(phone, language)
      await call.press(persona('current-payer').phone.parId)
      return call
    },
  },
  {
    name: 'generalMenu',
    back: 'identify',
    async reach(language) {
      const call = await callIn(phone, language)
      await call.press('*')
      return call
    },
  },
  {
    name: 'paymentOptions',
    back: 'generalMenu',
    async reach(language) {
      const call = await callIn(phone, language)
      await call.press('*')
      await call.press('2')
      return call
    },
  },
  { name: 'mainMenu', back: 'caseChoice', reach: (language) => signedIn(phone, persona('both-roles'), language) },
  {
    name: 'moreOptions',
    back: 'mainMenu',
    async reach(language) {
      const call = await signedIn(phone, persona('current-payer'), language)
      await call.press('3')
      return call
    },
  },
  {
    name: 'afterAnswer',
    back: 'mainMenu',
    async reach(language) {
      const call = await signedIn(phone, persona('current-payer'), language)
      await call.press('1')
      return call
    },
  },
  {
    name: 'caseChoice',
    back: 'mainMenu',
    async reach(language) {
      const call = await signedIn(phone, persona('both-roles'), language)
      await call.press('*')
      return call
    },
  },
  {
    name: 'callbackStatus',
    back: 'mainMenu',
    async reach(language) {
      await pendingRequestOf('hearing-next-week')
      return callbackFrom(language, 'hearing-next-week', false)
    },
  },
  { name: 'callbackNumber', back: 'mainMenu', reach: (language) => callbackFrom(language) },
  {
    name: 'callbackOtherNumber',
    back: 'mainMenu',
    async reach(language) {
      const call = await callbackFrom(language)
      await call.press('2')
      return call
    },
  },
  {
    name: 'callbackWindow',
    back: 'mainMenu',
    async reach(language) {
      const call = await callbackFrom(language)
      await call.press('1')
      return call
    },
  },
  {
    name: 'callbackTopic',
    back: 'callbackWindow',
    async reach(language) {
      const call = await callbackFrom(language)
      await call.press('1')
      await call.press('1')
      return call
    },
  },
  {
    name: 'anythingElse',
    back: 'mainMenu',
    async reach(language) {
      // A parent of its own: the request filed here would otherwise be pending for the other callback prompts.
      const call = await callbackFrom(language, 'military-parent')
      for (const key of ['1', '1', '7']) await call.press(key)
      return call
    },
  },
  { name: 'cannotIdentify', back: 'cannotIdentify', reach: wrongParId },
  {
    name: 'personUnavailable',
    back: 'generalMenu',
    async reach(language) {
      const call = await callIn(phone, language)
      await call.press('*')
      await call.press('0')
      await call.dialEnded('busy')
      return call
    },
  },
  {
    name: 'person',
    back: 'generalMenu',
    closed: true,
    async reach(language) {
      const call = await callIn(phone, language)
      await call.press('*')
      await call.press('0')
      return call
    },
  },
]

describe.each<Language>(['en', 'es'])('in %s', (language) => {
  const t = translatorFor(i18n, language)

  describe.each<Way>(['keys', 'speech'])('by %s', (way) => {
    for (const prompt of prompts) {
      if (way === 'speech' && prompt.keysOnly) continue

      it(`${prompt.name}: 9 hears it again, star goes back, 0 reaches a person`, async () => {
        if (prompt.closed) now = officeClosed
        const call = await prompt.reach(language)
        expect(call.last.gather?.action).toBe(path(prompt.name))
        const first = call.last.lines.map((l) => l.text)

        await command(call, language, way, 'repeat')
        expect(call.last.gather?.action).toBe(path(prompt.name))
        // The question again, and after an answer the answer again: nothing but what the caller already heard.
        const again = call.last.lines.map((l) => l.text)
        expect(again.length).toBeGreaterThan(0)
        for (const line of again) expect(first).toContain(line)
        expect(call.text).not.toContain(t('ivr:problems.badInput'))

        await command(call, language, way, 'back')
        expect(call.text).not.toContain(t('ivr:problems.badInput'))
        if (prompt.back === prompt.name) expect(call.text).toContain(t('ivr:menu.atTop'))
        expect(call.last.gather?.action).toBe(path(prompt.back))

        const other = await prompt.reach(language)
        await command(other, language, way, 'person', prompt.name.length)
        if (prompt.closed) {
          expect(other.text).toContain(t('ivr:person.closed', { hours: '@' }).split('@')[0]!)
          expect(other.last.dial).toBeNull()
        } else {
          expect(other.last.dial).not.toBeNull()
          expect(other.text).toContain(t('ivr:person.connecting'))
        }
        const record = await phone.services.calls.find(other.callSid)
        expect(record!.path.at(-1)).toBe('person')
        expect(record!.language).toBe(language)
      })
    }
  })

  it('the first menu says the commands once, and every menu reads 0 for a person', async () => {
    const call = await signedIn(phone, persona('current-payer'), language)
    expect(call.text).toContain(t('ivr:menu.commandsTip'))
    expect(call.text).toContain(t('ivr:menu.press', { choice: t('ivr:menu.person'), key: '0' }))
    await call.press('3')
    expect(call.text).not.toContain(t('ivr:menu.commandsTip'))
    expect(call.text).toContain(t('ivr:menu.press', { choice: t('ivr:menu.person'), key: '0' }))
    expect(call.text).toContain(t('ivr:menu.press', { choice: t('ivr:moreOptions.back'), key: t('ivr:keys.star') }))
  })
  it('takes "call me back" as a callback request, never as "back", where a callback is offered and where it is not', async () => {
    const callMeBack = language === 'es' ? 'regrésenme la llamada por favor' : 'please call me back'
    const call = await signedIn(phone, persona('current-payer'), language)
    await call.press('3')
    await call.say(callMeBack)
    expect(call.last.gather?.action).not.toBe(path('mainMenu'))
    expect((await phone.services.calls.find(call.callSid))!.path).toContain('callbackNumber')

    // General information offers no callback: the words are not understood, and the caller stays where they were.
    const general = await signedIn(phone, persona('current-payer'), language)
    await general.say(language === 'es' ? 'información general' : 'general information')
    expect(general.last.gather?.action).toBe(path('generalMenu'))
    await general.say(callMeBack)
    expect(general.text).toContain(t('ivr:problems.badInput'))
    expect(general.last.gather?.action).toBe(path('generalMenu'))
    // "Go back" still goes back.
    await command(general, language, 'speech', 'back')
    expect(general.last.gather?.action).toBe(path('mainMenu'))
  })
})
