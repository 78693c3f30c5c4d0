import request from 'supertest'

import { agencyToday, type Clock } from '../../server/clock'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { type DemoPersona, demoPersonas } from '../../server/demo/personas'
import { createI18n, translatorFor } from '../../server/i18n'
import { createServices } from '../../server/services'
import { formatMoney } from '../../server/templates'
import { createTestApp, type TestApp } from '../helpers/testApp'
import { createTestDatabase } from '../helpers/testDatabase'

// The real app over a throwaway database filled with the demo personas, with a clock the test can move.

export interface MovableClock extends Clock {
  advance(ms: number): void
  set(instant: string | Date): void
}

export function movableClock(start: string | Date): MovableClock {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms
    },
    set: (instant) => {
      current = new Date(instant).getTime()
    },
  }
}

/** Noon in Sacramento on a weekday, so office-hours rules and "today" are the same for every run. */
export const demoNoon = '2026-03-11T19:00:00Z'

export interface PortalTestApp extends TestApp {
  clock: MovableClock
}

/** `env` overrides the test configuration, e.g. to point outbound calls at a fake Twilio API. */
export async function createPortalTestApp(options: { start?: string; env?: NodeJS.ProcessEnv } = {}): Promise<PortalTestApp> {
  const clock = movableClock(options.start ?? demoNoon)
  const database = await createTestDatabase()
  const testApp = await createTestApp({ clock, database, env: options.env })
  await loadDemoData(database.db, { ssnHmacKey: testApp.config.ssnHmacKey, today: agencyToday(clock) })
  return { ...testApp, clock }
}

export const personas = demoPersonas()

export function persona(id: string): DemoPersona {
  const found = personas.find((p) => p.id === id)
  if (!found) throw new Error(`no demo persona ${id}`)
  return found
}

export const activatedPersonas = personas.filter((p) => p.activation.activated)

/** The CSRF token of the first form on a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match) throw new Error('no CSRF token on the page')
  return match[1]!
}

export type Agent = ReturnType<typeof request.agent>

/** A browser-like agent in a language, signed in as the persona. */
export async function signedInAgent(app: TestApp['app'], who: DemoPersona, language: 'en' | 'es' = 'en'): Promise<Agent> {
  const agent = request.agent(app)
  const form = await agent.get(`/sign-in?lng=${language}`).expect(200)
  await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfTokenIn(form.text), username: who.web.username, password: who.web.password })
    .expect(303)
    .expect('Location', '/account')
  return agent
}

/** Posts a form the way a browser would: GET the page for its token, then POST with it. */
export async function submitForm(agent: Agent, path: string, fields: Record<string, string>, formPage = path) {
  const page = await agent.get(formPage)
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text), ...fields })
}

const i18n = createI18n()
export const languages = ['en', 'es'] as const
export type Language = (typeof languages)[number]

/** The words a page in `language` shows for a message key. */
export function text(language: Language, key: string, params?: Record<string, unknown>): string {
  return translatorFor(i18n, language)(key, params) as string
}

/** As Handlebars escapes text into HTML, so a translated sentence can be found in a page. */
export function escaped(value: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' }
  return value.replace(/[&<>"'`=]/g, (c) => entities[c]!)
}

/** A failed form: HTTP 400 already checked by the caller; the title, the summary and each field's message. */
export function expectFormErrors(html: string, language: Language, errors: Record<string, string>): void {
  expect(html).toMatch(new RegExp(`<title>${escapeRegExp(text(language, 'common:errorPrefix'))} `))
  expect(html).toContain('id="error-summary"')
  for (const [fieldId, key] of Object.entries(errors)) {
    const message = escaped(text(language, key))
    expect(html).toContain(`<a class="usa-link" href="#${fieldId}">${message}</a>`)
    expect(html).toContain(message)
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The response, after checking its status (with the page's start in the failure message, to see why). */
export function withStatus<T extends { status: number; text: string }>(response: T, status: number): T {
  if (response.status !== status) throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 300)}`)
  return response
}

/** The whole opening tag of the form control with this id. */
export function controlTag(html: string, id: string): string {
  const match = new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)
  if (!match) throw new Error(`no control with id ${id}`)
  return match[0]
}

/** The domain services over the test app's own database and clock, to compare pages with what they say. */
export function servicesOf(testApp: PortalTestApp) {
  return createServices({ database: testApp.database, config: testApp.config, clock: testApp.clock })
}

/** The participant id of a persona, as the database knows it. */
export async function participantIdOf(testApp: PortalTestApp, who: DemoPersona): Promise<number> {
  const row = await testApp.database.db.selectFrom('participants').select('id').where('par_id', '=', who.phone.parId).executeTakeFirstOrThrow()
  return row.id
}

/** Money as the page in `language` writes it. */
export const moneyIn = (language: Language, cents: number) => escaped(formatMoney(language, cents))
