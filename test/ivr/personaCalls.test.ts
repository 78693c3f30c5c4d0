import { nextStepsSpoken, recentItemsSpoken } from '../../ivr/caseAnswers'
import { spokenDate, spokenEnding, spokenMoney, spokenMonth } from '../../ivr/spokenFormats'
import { spokenMessage } from '../../ivr/spokenMessage'
import type { Principal } from '../../server/audit/principal'
import { fixedClock } from '../../server/clock'
import { demoPersonas } from '../../server/demo/personas'
import { createI18n, type Language, translatorFor } from '../../server/i18n'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import { SimulatedCall } from './helpers/simulatedCall'
import { keyReadFor } from './helpers/callSteps'

// Every parent persona calls in English and in Spanish, hears every case's figures, and each figure is compared
// with what the case-inquiry service returns for that parent: formatted with the same speaking function, and
// checked digit for digit against the raw cents so that a formatting slip cannot hide a wrong number.

const i18n = createI18n()
let phone: PhoneTestApp

beforeAll(async () => {
  phone = await createPhoneTestApp({ clock: fixedClock(officeOpen) })
})
afterAll(() => phone.close())

const personas = demoPersonas()
const activated = personas.filter((p) => p.activation.activated)

/** "1,234 dollars and 56 cents" from 123456, without the speaking function: the raw number must be audible. */
function rawMoneyPattern(cents: number, language: Language): RegExp {
  const dollars = Math.floor(cents / 100)
  const rest = cents % 100
  const grouped = dollars.toLocaleString('en-US')
  const dollarWord = language === 'en' ? 'dollars?' : 'dólar(es)?'
  const centWord = language === 'en' ? 'cents?' : 'centavos?'
  if (dollars === 0) return new RegExp(`(^|\\D)${rest} ${centWord}`)
  if (rest === 0) return new RegExp(`(^|[^\\d,])${grouped} ${dollarWord}`)
  return new RegExp(`(^|[^\\d,])${grouped} ${dollarWord} (and|con) ${rest} ${centWord}`)
}

function expectMoney(heard: string, cents: number, language: Language) {
  const t = translatorFor(i18n, language)
  expect(heard).toContain(spokenMoney(cents, language, t))
  expect(heard).toMatch(rawMoneyPattern(cents, language))
}

describe.each<Language>(['en', 'es'])('a call in %s', (language) => {
  const t = translatorFor(i18n, language)
  const date = (iso: string) => spokenDate(iso, language)

  it.each(activated.map((p) => [p.id, p] as const))('%s hears the figures the case-inquiry service gives', async (_id, persona) => {
    const participantId = await phone.participantIdOf(persona.phone.parId)
    const principal: Principal = { kind: 'parent', participantId }
    const summaries = await phone.services.cases.listCaseSummaries(principal, 'phone')
    expect(summaries.map((s) => s.caseNumber).sort()).toEqual([...persona.cases].sort())

    // From the parent's own number: greeted in the parent's language, asked for the PIN only, and told nothing about
    // them or their case before the PIN is right.
    const call = new SimulatedCall(phone.app, phone.config, persona.phone.callerId)
    await call.dial()
    const own = translatorFor(i18n, persona.language)
    expect(call.last.lines[0]).toMatchObject({ text: own('ivr:welcome.greeting'), voice: persona.language === 'es' ? 'Polly.Lupe' : 'Polly.Joanna' })
    await call.press(language === 'es' ? '2' : '1')
    expect(call.last.gather?.action).toBe('/ivr/step/pin')
    expect(call.text).toBe(t('ivr:pin.askRecognized'))
    const beforePin = call.everything
    for (const secret of [persona.name.split(' ')[0]!, persona.name.split(' ').at(-1)!, ...persona.cases.map((c) => spokenEnding(c)), t('ivr:money.dollarsOther', { dollars: '' }).trim()]) {
      expect(beforePin).not.toContain(secret)
    }
    await call.press(persona.phone.pin)

    for (const [index, summary] of summaries.entries()) {
      if (summaries.length > 1) {
        expect(call.last.gather?.action).toBe('/ivr/step/caseChoice')
        expect(call.text).toContain(spokenEnding(summary.caseNumber))
        await call.press(String(index + 1))
      }
      expect(call.text).toContain(t('ivr:mainMenu.intro', { digits: spokenEnding(summary.caseNumber) }))
      const receiving = summary.viewer === 'receiving'

      // 1: balance and last payment; after it, only "1 to hear it again, 2 for the menu".
      await call.press('1')
      expect(call.last.gather?.action).toBe('/ivr/step/afterAnswer')
      expect(call.text).toContain(t('ivr:menu.press', { choice: t('ivr:afterAnswer.again'), key: '1' }))
      expect(call.text).not.toContain(t('ivr:mainMenu.more'))
      const b = summary.balances
      expect(call.text).toContain(date(summary.asOf))
      if (b.totalOwedCents > 0) expectMoney(call.text, b.totalOwedCents, language)
      else expect(call.text).toContain(t(receiving ? 'ivr:balance.nothingOwedToYou' : 'ivr:balance.nothingOwed'))
      for (const cents of [b.currentDueCents, b.familyArrearsCents, b.stateArrearsCents, b.interestCents]) {
        if (cents > 0) expectMoney(call.text, cents, language)
      }
      if (summary.paying && summary.paying.creditHeldCents > 0) expectMoney(call.text, summary.paying.creditHeldCents, language)
      if (summary.lastPayment) {
        expectMoney(call.text, summary.lastPayment.amountCents, language)
        expect(call.text).toContain(date(summary.lastPayment.postedOn))
      }
      const sent = summary.receiving?.lastDisbursement
      if (receiving && sent) {
        expectMoney(call.text, sent.amountCents, language)
        expect(call.text).toContain(date(sent.postedOn))
      }

      // More options, 1: recent payments, or money sent to a receiving parent; 2 for the menu returns to more options.
      await call.press('2')
      expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
      await call.press('3')
      expect(call.last.gather?.action).toBe('/ivr/step/moreOptions')
      expect(call.text.includes(t('ivr:mainMenu.howToPay'))).toBe(!receiving)
      await call.press('1')
      const history = await phone.services.cases.getPaymentHistory(principal, summary.caseId, { page: 1, pageSize: 25 }, 'phone')
      const recent = history.items.filter((i) => i.kind === (receiving ? 'disbursement' : 'payment')).slice(0, recentItemsSpoken)
      if (recent.length === 0) expect(call.text).toContain(t(receiving ? 'ivr:payments.noneSent' : 'ivr:payments.none'))
      for (const item of recent) {
        expect(call.text).toContain(`${spokenMoney(item.amountCents, language, t)}, ${language === 'es' ? 'el ' : 'on '}${date(item.date)}`)
        expectMoney(call.text, item.amountCents, language)
      }

      // Main menu, 2: next payment due, or next expected disbursement.
      await call.press('2')
      expect(call.last.gather?.action).toBe('/ivr/step/moreOptions')
      await call.press('*')
      expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
      await call.press('2')
      if (receiving) {
        const expected = summary.receiving?.nextExpectedDisbursement
        if (expected) {
          expectMoney(call.text, expected.amountCents, language)
          expect(call.text).toContain(date(expected.expectedOn))
        } else expect(call.text).toContain(t('ivr:next.noneExpected'))
      } else {
        const next = summary.paying?.nextPayment ?? { kind: 'none' as const }
        if (next.kind === 'now') {
          expectMoney(call.text, next.dueCents, language)
          expect(call.text).toContain(spokenMonth(next.monthStart, language))
        } else if (next.kind === 'next_month') {
          expectMoney(call.text, next.expectedCents, language)
          expect(call.text).toContain(date(next.dueOn))
        } else if (next.kind === 'resumes') {
          expectMoney(call.text, next.monthlyCents, language)
          expect(call.text).toContain(date(next.dueOn))
        } else expect(call.text).toContain(t('ivr:next.none'))
      }

      // More options, 2: next steps, each message in the caller's language with its figures spoken.
      await call.press('2')
      await call.press('3')
      await call.press('2')
      const steps = await phone.services.cases.getNextSteps(principal, summary.caseId, 'phone')
      expect(steps.steps.length).toBeGreaterThan(0)
      for (const step of steps.steps.slice(0, nextStepsSpoken)) {
        expect(call.text).toContain(spokenMessage(step, language, t).replace(/\.\.(?=\s|$)/g, '.'))
      }
      // With nothing to do but the way to reach us, the caller is told so, not "here is what happens next" and nothing.
      const onlyContact = steps.steps.every((step) => step.kind === 'contact_us')
      expect(call.last.lines.map((l) => l.text)).toContain(t(onlyContact ? 'ivr:nextSteps.nothingToDo' : 'ivr:nextSteps.intro'))

      if (index < summaries.length - 1) {
        await call.press('2')
        await call.press(keyReadFor(call, t('ivr:mainMenu.otherCase')))
      }
    }

    // Every line of the call was spoken in the caller's language, by its voice.
    const voices = new Set(call.transcript.slice(1).flatMap((h) => h.lines.map((l) => `${l.voice} ${l.language}`)))
    expect([...voices]).toEqual([language === 'es' ? 'Polly.Lupe es-US' : 'Polly.Joanna en-US'])

    await call.hangUp(240)
    const record = await phone.services.calls.find(call.callSid)
    expect(record).toMatchObject({ language, identified: true, participantId, outcome: 'resolved_by_phone', durationSeconds: 240 })
    expect(record!.path).not.toContain('identify')
    expect(record!.path).toEqual(expect.arrayContaining(['welcome', 'pin', 'mainMenu', 'balance', 'recentPayments', 'nextPayment', 'nextSteps']))

    const audited = await phone.database.db
      .selectFrom('audit_events')
      .select(['channel', 'case_id'])
      .where('actor_id', '=', participantId)
      .where('channel', '=', 'phone')
      .execute()
    expect(new Set(audited.map((a) => a.case_id))).toEqual(new Set(summaries.map((s) => s.caseId)))
  })

  it('a parent whose account is not activated has no phone PIN, so signing in fails like a wrong PIN', async () => {
    const pending = personas.find((p) => !p.activation.activated)!
    const call = new SimulatedCall(phone.app, phone.config, pending.phone.callerId)
    await call.dial()
    await call.press(language === 'es' ? '2' : '1')
    await call.press(pending.phone.parId)
    await call.press(pending.phone.pin)
    expect(call.text).toContain(t('ivr:pin.noMatch'))
    expect(call.last.gather?.action).toBe('/ivr/step/identify')
  })
})
