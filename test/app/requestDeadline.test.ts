import request from 'supertest'

import { createApp } from '../../server/app'
import { agencyToday } from '../../server/clock'
import { type Config, loadConfig } from '../../server/config'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { createI18n, translatorFor } from '../../server/i18n'
import { createLogger } from '../../server/logger'
import { createServices, type Services } from '../../server/services'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { newCallSid, signedPost } from '../ivr/helpers/simulatedCall'
import { demoNoon, movableClock, persona, signedInAgent } from '../portal/portalTestApp'

// Every request has a deadline (issue 11): a dependency that never answers becomes the outage page (503) on the web
// and the spoken apology on the phone, by the deadline, and the late answer is dropped. The slow dependency is
// injected: a service method that waits until the test lets it go.

const i18n = createI18n()
const t = (language: 'en' | 'es') => translatorFor(i18n, language)

/** Services whose named methods hang while `stalled` is set; released all at once by `release()`. */
function stallable(services: Services) {
  let stalled = false
  let waiting: Array<() => void> = []
  const hang = <T>(work: () => Promise<T>) =>
    stalled ? new Promise<void>((resolve) => waiting.push(resolve)).then(work) : work()
  const wrapped: Services = {
    ...services,
    cases: new Proxy(services.cases, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown
        return typeof value === 'function' ? (...args: unknown[]) => hang(() => value.apply(target, args)) : value
      },
    }),
    calls: new Proxy(services.calls, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown
        return typeof value === 'function' ? (...args: unknown[]) => hang(() => value.apply(target, args)) : value
      },
    }),
  }
  return {
    services: wrapped,
    stall: () => (stalled = true),
    release: () => {
      stalled = false
      const resume = waiting
      waiting = []
      for (const go of resume) go()
    },
  }
}

describe('request deadlines', () => {
  let database: TestDatabase
  let config: Config
  let app: ReturnType<typeof createApp>
  let control: ReturnType<typeof stallable>
  const clock = movableClock(demoNoon)

  beforeAll(async () => {
    database = await createTestDatabase()
    config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: 'sqlite::memory:',
      TWILIO_AUTH_TOKEN: 'deadline-test-token',
      REQUEST_DEADLINE_MS: '1500',
      PHONE_DEADLINE_MS: '300',
    })
    await loadDemoData(database.db, { ssnHmacKey: config.ssnHmacKey, today: agencyToday(clock) })
    control = stallable(createServices({ database, config, clock }))
    app = createApp({ config, database, logger: createLogger('silent'), clock, i18n, services: control.services })
  })
  afterEach(() => control.release())
  afterAll(() => database.close())

  it.each(['en', 'es'] as const)('answers a signed-in page whose data never comes with the outage page by the deadline (%s)', async (language) => {
    const agent = await signedInAgent(app, persona('both-roles'), language)
    control.stall()
    const response = await agent.get('/account').timeout(5_000)
    expect(response.status).toBe(503)
    expect(response.headers['retry-after']).toBe('30')
    expect(response.text).toContain(`<html lang="${language}">`)
    expect(response.text).toContain(t(language)('errors:serviceUnavailable.title'))
    expect(response.text).toContain(`href="tel:${config.agency.phoneNumber}"`)
    // The page's own answer, when it finally comes, is dropped; the parent is still signed in afterwards.
    control.release()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await agent.get('/account').expect(200)
  })

  it('answers a phone turn whose database never answers with the spoken apology, in both languages when the caller\'s is unknown', async () => {
    control.stall()
    const response = await signedPost(app, config, '/ivr/voice', { CallSid: newCallSid(), From: '+19165550199', To: '+18665550100' }).timeout(5_000)
    expect(response.status).toBe(200)
    expect(response.type).toBe('text/xml')
    expect(response.text).toContain(t('en')('ivr:outage'))
    expect(response.text).toContain(t('es')('ivr:outage'))
    expect(response.text).toContain('<Hangup/>')
  })

  it('answers with the apology at the request deadline too, should a phone webhook outlast its own', async () => {
    const late = createApp({ config: { ...config, deadlines: { ...config.deadlines, phoneMs: 5_000 } }, database, logger: createLogger('silent'), clock, i18n, services: control.services })
    control.stall()
    const response = await signedPost(late, config, '/ivr/voice', { CallSid: newCallSid(), From: '+19165550199', To: '+18665550100' }).timeout(5_000)
    expect(response.status).toBe(200)
    expect(response.text).toContain(t('es')('ivr:outage'))
  })

  it('leaves a request that answers in time alone', async () => {
    const response = await request(app).get('/').expect(200)
    expect(response.text).not.toContain(t('en')('errors:serviceUnavailable.title'))
  })
})
