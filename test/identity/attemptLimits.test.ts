import request from 'supertest'

import { consolePaths } from '../../server/console/paths'
import { fixedClock } from '../../server/clock'
import { createI18n, translatorFor } from '../../server/i18n'
import { portalPaths } from '../../server/portal/paths'
import { callIn, persona as phonePersona } from '../ivr/helpers/callSteps'
import { createPhoneTestApp, officeClosed } from '../ivr/helpers/phoneTestApp'
import {
  createPortalTestApp,
  csrfTokenIn,
  escaped,
  languages,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
  submitForm,
  text,
} from '../portal/portalTestApp'
import { postgresAdminUrl } from '../helpers/testDatabase'

// Rate limits by client and by account on every guarded form and on the phone's PIN: past the limit, a 429 page in
// the user's language with Retry-After (a spoken apology on the phone), and nothing behind it runs.

const dialect = postgresAdminUrl ? 'postgresql' : 'sqlite'
const unlimited = 'signInClient=1000/60,signInAccount=1000/60,factsClient=1000/60,consoleClient=1000/60,callbackClient=1000/60'

function expectTooManyPage(response: { status: number; text: string; headers: Record<string, string> }, language: 'en' | 'es') {
  expect(response.status).toBe(429)
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
  expect(response.text).toContain(`<h1>${escaped(text(language, 'errors:tooManyRequests.title'))}</h1>`)
  expect(response.text).toContain(`lang="${language}"`)
}

describe(`attempt limits on the web (${dialect})`, () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp({
      env: { RATE_LIMITS: 'signInClient=1000/60,signInAccount=3/900,consoleClient=1000/60,consoleAccount=2/900,callbackClient=1000/60,callbackAccount=1/3600' },
    })
  })
  afterAll(() => testApp.close())

  it.each(languages)('sign-in: the fourth attempt on one account in the window gets the 429 page (%s); another account is not held up', async (language) => {
    const username = `nobody.${language}`
    const agent = request.agent(testApp.app)
    for (let i = 0; i < 3; i++) {
      expect((await submitForm(agent, portalPaths.signIn, { username, password: 'wrong-password' }, `${portalPaths.signIn}?lng=${language}`)).status).toBe(400)
    }
    expectTooManyPage(await submitForm(agent, portalPaths.signIn, { username, password: 'wrong-password' }), language)
    const who = persona('current-payer')
    expect((await submitForm(agent, portalPaths.signIn, { username: who.web.username, password: who.web.password })).status).toBe(303)
  })

  it('console sign-in: the third attempt on one username gets the 429 page', async () => {
    const agent = request.agent(testApp.app)
    for (let i = 0; i < 2; i++) {
      expect((await submitForm(agent, consolePaths.signIn, { username: 'rep.garcia', password: 'wrong' })).status).toBe(400)
    }
    expectTooManyPage(await submitForm(agent, consolePaths.signIn, { username: 'rep.garcia', password: 'wrong' }), 'en')
  })

  it('callback form: a second request within the hour from one parent gets the 429 page and creates nothing', async () => {
    const agent = await signedInAgent(testApp.app, persona('coap-candidate'))
    const before = await testApp.database.db.selectFrom('callbacks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect((await submitForm(agent, portalPaths.requestCallback, {})).status).toBe(400)
    expectTooManyPage(await submitForm(agent, portalPaths.requestCallback, {}), 'en')
    const after = await testApp.database.db.selectFrom('callbacks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('counts by client too', async () => {
    const byClient = await createPortalTestApp({ env: { RATE_LIMITS: 'signInClient=2/900' } })
    try {
      const agent = request.agent(byClient.app)
      await submitForm(agent, portalPaths.signIn, { username: 'first.user', password: 'x' })
      await submitForm(agent, portalPaths.signIn, { username: 'second.user', password: 'x' })
      expectTooManyPage(await submitForm(agent, portalPaths.signIn, { username: 'third.user', password: 'x' }), 'en')
    } finally {
      await byClient.close()
    }
  })
})

describe(`identity facts: throttled, never a lock on the other parent (${dialect})`, () => {
  const protectedParent = persona('protected-parent')
  const facts = protectedParent.activation as { caseNumber: string; ssnLastFour: string; dateOfBirth: string }
  const [year, month, day] = facts.dateOfBirth.split('-')
  const factsForm = (identifier: string, ssnLast4: string) => ({
    identifier, ssnLast4, dateOfBirthYear: year!, dateOfBirthMonth: String(Number(month)), dateOfBirthDay: String(Number(day)),
  })
  const newPassword = { password: 'Brand-New-Harbor-4417', passwordConfirm: 'Brand-New-Harbor-4417' }

  it("five bogus resets with the shared case number lock nothing; she is told at her next sign-in and her own reset works", async () => {
    const testApp = await createPortalTestApp({ env: { RATE_LIMITS: unlimited } })
    try {
      const otherParent = request.agent(testApp.app)
      for (let i = 0; i < 5; i++) {
        const response = await submitForm(otherParent, portalPaths.reset, { ...factsForm(facts.caseNumber, String(1000 + i)), ...newPassword })
        expect(response.status).toBe(400)
      }
      const account = await testApp.database.db
        .selectFrom('accounts').innerJoin('participants', 'participants.id', 'accounts.participant_id')
        .select(['accounts.failed_attempts', 'accounts.locked_until']).where('participants.par_id', '=', protectedParent.phone.parId)
        .executeTakeFirstOrThrow()
      expect(account).toEqual({ failed_attempts: 0, locked_until: null })

      const services = servicesOf(testApp)
      expect((await services.identity.signInWithPin(protectedParent.phone.parId, protectedParent.phone.pin)).outcome).toBe('signed_in')
      for (const language of languages) {
        const agent = await signedInAgent(testApp.app, protectedParent, language)
        const dashboard = await agent.get(`${portalPaths.dashboard}?lng=${language}`).expect(200)
        expect(dashboard.text).toContain('data-security-notice')
        expect(dashboard.text).toContain(escaped(text(language, 'portal:dashboard.securityNotice.text', { count: 5, when: 'X' }).split(',')[0]!))
      }
      // Seen at that sign-in: a later session does not show it again.
      testApp.clock.advance(60_000)
      const later = await signedInAgent(testApp.app, protectedParent)
      expect((await later.get(portalPaths.dashboard).expect(200)).text).not.toContain('data-security-notice')

      const own = request.agent(testApp.app)
      const reset = await submitForm(own, portalPaths.reset, { ...factsForm(facts.caseNumber, facts.ssnLastFour), ...newPassword })
      expect(reset.status).toBe(303)
    } finally {
      await testApp.close()
    }
  })

  it('50 wrong facts at once: the identifier allows its limit, the rest get 429, then the right facts too; her PAR ID and her sign-in still work', async () => {
    const limit = 10
    const testApp = await createPortalTestApp({ env: { RATE_LIMITS: `${unlimited},factsIdentifier=${limit}/3600` } })
    try {
      const attacker = request.agent(testApp.app)
      const page = await attacker.get(portalPaths.reset).expect(200)
      const token = csrfTokenIn(page.text)
      const guesses = 50
      const responses = await Promise.all(
        Array.from({ length: guesses }, (_, i) =>
          attacker.post(portalPaths.reset).type('form').send({ _csrf: token, ...factsForm(facts.caseNumber, String(2000 + i)), ...newPassword }),
        ),
      )
      const statuses = responses.map((r) => r.status)
      expect(statuses.filter((s) => s === 400)).toHaveLength(limit)
      expect(statuses.filter((s) => s === 429)).toHaveLength(guesses - limit)
      const counted = await testApp.database.db.selectFrom('rate_limits').select(['key', 'points']).where('key', 'like', 'factsIdentifier:%').execute()
      process.stdout.write(`concurrent guesses (${dialect}) reset facts by case number: ${guesses} sent at once, ${limit} checked, ${guesses - limit} refused 429, counter after = ${counted.map((c) => c.points).join(',')}\n`)
      expect(counted.map((c) => c.points)).toEqual([guesses])

      const rightByCase = await submitForm(request.agent(testApp.app), portalPaths.reset, { ...factsForm(facts.caseNumber, facts.ssnLastFour), ...newPassword })
      expect(rightByCase.status).toBe(429)
      await signedInAgent(testApp.app, protectedParent)
      const rightByParId = await submitForm(request.agent(testApp.app), portalPaths.reset, { ...factsForm(protectedParent.phone.parId, facts.ssnLastFour), ...newPassword })
      expect(rightByParId.status).toBe(303)
    } finally {
      await testApp.close()
    }
  })
})

describe(`attempt limits on the phone (${dialect})`, () => {
  it('a PIN past the limit for the account keyed is not checked: the caller hears an apology and is offered a callback or a person', async () => {
    const phone = await createPhoneTestApp({ clock: fixedClock(officeClosed), env: { RATE_LIMITS: 'pinCaller=1000/60,pinIdentifier=2/900' } })
    try {
      const who = phonePersona('coap-candidate')
      for (let i = 0; i < 2; i++) {
        const call = await callIn(phone, 'en', `+1916555020${i}`)
        await call.press(who.phone.parId)
        await call.press('000000')
      }
      for (const language of ['en', 'es'] as const) {
        const call = await callIn(phone, language, '+19165550299')
        await call.press(who.phone.parId)
        await call.press(who.phone.pin)
        expect(call.text).toContain(translatorFor(createI18n(), language)('ivr:tooManyAttempts'))
        expect(call.last.gather?.action).toBe('/ivr/step/cannotIdentify')
        expect((await phone.services.calls.find(call.callSid))?.identified).toBe(false)
      }
    } finally {
      await phone.close()
    }
  })
})
