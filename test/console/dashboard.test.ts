import request from 'supertest'

import { consolePaths } from '../../server/console/paths'
import { htmlErrors } from '../browser/browserHarness'
import {
  createPortalTestApp, demoNoon, escaped, expectFormErrors, type Language, participantIdOf, persona, type PortalTestApp, servicesOf, text, withStatus,
} from '../portal/portalTestApp'
import { bilingualRep, staffAgent, supervisor } from './consoleTestApp'

// The dashboard against a hand-built week of calls and callback requests, filed through the services with the
// clock moved by hand. The week (Monday 8 to Friday 12 September 2025, Pacific daylight time, UTC−7) lies before
// any demo activity, so only these rows count.
const period = { from: '2025-09-08', to: '2025-09-12' }
const at = (local: string) => `${local}-07:00`

describe('supervisor dashboard', () => {
  let testApp: PortalTestApp
  let callbackDue: { inTime: Date; late: Date }

  beforeAll(async () => {
    testApp = await createPortalTestApp()
    const services = servicesOf(testApp)
    const { clock } = testApp

    // Calls. English: 2 of 3 resolved; Spanish: 1 of 2 ended resolved (one abandoned), one still in progress.
    let n = 0
    const call = async (language: Language, start: string, how: 'resolved' | 'transferred' | 'abandoned' | 'open') => {
      clock.set(at(start))
      const sid = `CA${String(++n).padStart(32, '0')}`
      const record = await services.calls.answer(sid, { fromNumber: '+19165550150', language })
      if (how === 'resolved') await services.calls.record(record, { heardAnswer: true })
      if (how === 'transferred') await services.calls.record(record, { outcome: 'transferred' })
      clock.advance(3 * 60_000)
      if (how !== 'open') await services.calls.end(sid, { durationSeconds: 180 })
    }
    await call('en', '2025-09-08T00:00:00', 'resolved') // the period's first instant
    await call('en', '2025-09-08T11:00:00', 'transferred')
    await call('en', '2025-09-09T10:00:00', 'resolved')
    await call('es', '2025-09-09T10:30:00', 'resolved')
    await call('es', '2025-09-10T10:00:00', 'abandoned')
    await call('es', '2025-09-11T10:00:00', 'open')
    await call('es', '2025-09-07T23:59:00', 'resolved') // Sunday: outside
    await call('en', '2025-09-13T00:00:00', 'transferred') // Saturday: outside

    // Callback requests. 1: English, balance, answered in an hour. 2: Spanish, payments, first call after its due time.
    // 3: Spanish, balance, cancelled by the parent at once. 4: English, license, never called: past due now.
    const who = persona('suspended-license')
    const participantId = await participantIdOf(testApp, who)
    const principal = { kind: 'parent' as const, participantId }
    const [summary] = await services.cases.listCaseSummaries(principal, 'web')
    const staff = await testApp.database.db.selectFrom('staff').select('id').where('username', '=', bilingualRep.username).executeTakeFirstOrThrow()
    const file = async (localTime: string, language: Language, topic: string) => {
      clock.set(at(localTime))
      const filed = await services.callbacks.requestCallback({
        principal, caseId: summary!.caseId, phone: '916-555-0150', language, topic, preferredWindow: 'asap', channel: 'web',
      })
      return filed.callback
    }
    const answer = async (id: number, localTime: string) => {
      clock.set(at(localTime))
      expect((await services.callbacks.claim(id, staff.id)).ok).toBe(true)
      expect((await services.callbacks.recordAttempt(id, staff.id, 'resolved')).ok).toBe(true)
    }
    const first = await file('2025-09-08T09:00:00', 'en', 'balance')
    await answer(first.id, '2025-09-08T10:00:00')
    const second = await file('2025-09-08T09:30:00', 'es', 'payments')
    await answer(second.id, '2025-09-09T13:00:00')
    const third = await file('2025-09-09T09:00:00', 'es', 'balance')
    clock.set(at('2025-09-09T09:10:00'))
    expect((await services.callbacks.cancelByParent(participantId, third.id)).ok).toBe(true)
    await file('2025-09-12T09:00:00', 'en', 'license')
    callbackDue = { inTime: first.dueBy, late: second.dueBy }

    // Messages, judged as callbacks are. 1: English, payments, Monday 9:00, first answered Tuesday 10:00 (in time).
    // 2: Spanish, other, Wednesday 10:00 (due Monday 15 at 10:00), first answered Monday 15:00 (late).
    // 3: Spanish, other, Friday 9:00, never answered: past due now.
    const write = async (localTime: string, language: Language, topic: string) => {
      clock.set(at(localTime))
      return services.messages.startThread({ participantId, caseId: null, topic, body: 'A question', language })
    }
    const reply = async (threadId: number, localTime: string, close: boolean) => {
      clock.set(at(localTime))
      expect((await services.messages.claim(threadId, staff.id)).ok).toBe(true)
      expect((await services.messages.replyAsStaff({ threadId, staffId: staff.id, body: 'An answer', close })).ok).toBe(true)
    }
    const m1 = await write('2025-09-08T09:00:00', 'en', 'payments')
    await reply(m1.id, '2025-09-09T10:00:00', false)
    // A later reply does not change when the message was first answered.
    await reply(m1.id, '2025-09-16T10:00:00', true)
    const m2 = await write('2025-09-10T10:00:00', 'es', 'other')
    await reply(m2.id, '2025-09-15T15:00:00', true)
    await write('2025-09-12T09:00:00', 'es', 'other')
    clock.set(demoNoon)
  })
  afterAll(() => testApp.close())

  const query = `?from=${period.from}&to=${period.to}`

  it('was built as the comments say: the first request answered before its due time, the second after', () => {
    expect(new Date(at('2025-09-08T10:00:00')) <= callbackDue.inTime).toBe(true)
    expect(new Date(at('2025-09-09T13:00:00')) > callbackDue.late).toBe(true)
  })

  it('shows the week’s figures, overall and by language and topic, each chart with its table', async () => {
    const agent = await staffAgent(testApp.app, supervisor)
    const html = withStatus(await agent.get(consolePaths.dashboard + query), 200).text
    const section = (id: string) => html.slice(html.indexOf(`id="${id}-heading"`), html.indexOf('</section>', html.indexOf(`id="${id}-heading"`)))
    const row = (id: string, header: string) => {
      const table = section(id)
      const start = table.indexOf(`>${escaped(header)}</th>`)
      if (start === -1) throw new Error(`no row ${header} in ${id}`)
      return [...table.slice(start, table.indexOf('</tr>', start)).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])
    }
    const en = text('en', 'supervisor:categories.language.en')
    const es = text('en', 'supervisor:categories.language.es')
    const all = text('en', 'supervisor:categories.all')
    const met = text('en', 'supervisor:target.met')
    const notMet = text('en', 'supervisor:target.notMet')
    const none = text('en', 'supervisor:target.notJudged')

    // calls, in progress, ended, resolved, callback requested, transferred, abandoned, share, target
    expect(row('calls-by-language', en)).toEqual(['3', '0', '3', '2', '0', '1', '0', '66.7%', notMet])
    expect(row('calls-by-language', es)).toEqual(['3', '1', '2', '1', '0', '0', '1', '50%', notMet])
    expect(row('calls-by-language', all)).toEqual(['6', '1', '5', '3', '0', '1', '1', '60%', notMet])

    // requested, cancelled, not yet due, judged, within due, share, target
    expect(row('within-due-by-language', en)).toEqual(['2', '0', '0', '2', '1', '50%', notMet])
    expect(row('within-due-by-language', es)).toEqual(['2', '1', '0', '1', '0', '0%', notMet])
    expect(row('within-due-by-language', all)).toEqual(['4', '1', '0', '3', '1', '33.3%', notMet])
    expect(row('within-due-by-topic', text('en', 'callbacks:topics.balance'))).toEqual(['2', '1', '0', '1', '1', '100%', met])
    expect(row('within-due-by-topic', text('en', 'callbacks:topics.court'))).toEqual(['0', '0', '0', '0', '0', 'No figure', none])

    // Request 1 waited 60 minutes (office and clock); request 2 from Monday 9:30 to Tuesday 13:00: 27.5 clock hours,
    // 6.5 + 5 = 11.5 office hours. Medians of two: 6 h 15 min of office time, 14 h 15 min of clock time.
    expect(row('first-attempt-by-language', all)).toEqual(['2', '6 h 15 min', '14 h 15 min'])
    expect(row('first-attempt-by-language', es)).toEqual(['1', '11 h 30 min', '27 h 30 min'])
    expect(row('first-attempt-by-topic', text('en', 'callbacks:topics.license'))).toEqual(['0', 'No figure', 'No figure'])

    // Messages: received, not yet due, judged, first answered in time, share, target, median office time to the first
    // answer. Message 1 waited 7 + 2 = 9 office hours; message 2 from Wednesday 10:00 to Monday 15:00, 6 + 8 + 8 + 7 =
    // 29 office hours; the median of the two is 19 hours.
    expect(row('messages-within-due-by-language', en)).toEqual(['1', '0', '1', '1', '100%', met, '9 h 0 min'])
    expect(row('messages-within-due-by-language', es)).toEqual(['2', '0', '2', '0', '0%', notMet, '29 h 0 min'])
    expect(row('messages-within-due-by-language', all)).toEqual(['3', '0', '3', '1', '33.3%', notMet, '19 h 0 min'])
    expect(row('messages-within-due-by-topic', text('en', 'callbacks:topics.other'))).toEqual(['2', '0', '2', '0', '0%', notMet, '29 h 0 min'])
    expect(row('messages-within-due-by-topic', text('en', 'callbacks:topics.court'))).toEqual(['0', '0', '0', '0', 'No figure', none, 'No figure'])
    expect(html).toContain(escaped(text('en', 'supervisor:headline.answeredWithinDue')))

    // Each chart is an image named by its heading and description, pointing at its table, with the target drawn.
    for (const id of [
      'calls-by-language', 'within-due-by-language', 'within-due-by-topic', 'first-attempt-by-language', 'first-attempt-by-topic',
      'messages-within-due-by-language', 'messages-within-due-by-topic',
    ]) {
      expect(section(id)).toContain(`role="img" aria-labelledby="${id}-heading ${id}-description"`)
      expect(section(id)).toContain(`href="#${id}-table"`)
      expect(section(id)).toMatch(/<caption>[^<]+<\/caption>/)
    }
    expect(section('calls-by-language')).toContain('class="chart-reference"')
    expect(section('calls-by-language')).toContain(escaped(text('en', 'supervisor:target.of', { target: '70%' })))
    expect(section('within-due-by-topic')).toContain(escaped(text('en', 'supervisor:target.of', { target: '80%' })))
    expect(section('messages-within-due-by-topic')).toContain(escaped(text('en', 'supervisor:target.of', { target: '80%' })))
    expect(html).toContain(`href="${escaped(`${consolePaths.dashboardCsv}?from=${period.from}&to=${period.to}`)}"`)
    expect(await htmlErrors(html)).toEqual([])
  })

  it('speaks Spanish to a supervisor who chose it', async () => {
    const agent = await staffAgent(testApp.app, supervisor, 'es')
    const html = withStatus(await agent.get(consolePaths.dashboard + query), 200).text
    expect(html).toContain('<html lang="es">')
    expect(html).toContain(escaped(text('es', 'supervisor:calls.heading')))
    expect(html).toContain(escaped(text('es', 'supervisor:target.notMet')))
    expect(html).toContain(`>${escaped(text('es', 'supervisor:categories.language.es'))}</th>`)
    expect(await htmlErrors(html)).toEqual([])
  })

  it('shows the last 30 agency days when no period is asked for', async () => {
    const agent = await staffAgent(testApp.app, supervisor)
    const html = withStatus(await agent.get(consolePaths.dashboard), 200).text
    // demoNoon is 11 March 2026 at the agency.
    expect(html).toContain('value="2026-02-10"')
    expect(html).toContain('value="2026-03-11"')
  })

  it.each(['en', 'es'] as const)('refuses a bad period in %s with the error summary, keeping what was typed', async (language) => {
    const agent = await staffAgent(testApp.app, supervisor, language)
    const cases: Array<[string, Record<string, string>]> = [
      ['?from=&to=', { from: 'supervisor:period.errors.fromRequired', to: 'supervisor:period.errors.toRequired' }],
      ['?from=2025-02-30&to=yesterday', { from: 'supervisor:period.errors.dateInvalid', to: 'supervisor:period.errors.dateInvalid' }],
      ['?from=2025-09-12&to=2025-09-08', { to: 'supervisor:period.errors.toBeforeFrom' }],
      ['?from=2024-01-01&to=2025-01-01', { to: 'supervisor:period.errors.tooLong' }],
      ['?from[]=x&to=2025-09-08', { from: 'supervisor:period.errors.fromRequired' }],
    ]
    for (const [asked, errors] of cases) {
      const response = withStatus(await agent.get(consolePaths.dashboard + asked), 400)
      expectFormErrors(response.text, language, errors)
      expect(response.text).not.toContain('class="chart-reference"')
    }
    const kept = withStatus(await agent.get(`${consolePaths.dashboard}?from=2025-02-30&to=2025-09-08`), 400).text
    expect(kept).toContain('value="2025-02-30"')
    expect(kept).toContain('value="2025-09-08"')
    expect(await htmlErrors(kept)).toEqual([])
  })

  it('accepts a whole leap year, 366 days', async () => {
    const agent = await staffAgent(testApp.app, supervisor)
    withStatus(await agent.get(`${consolePaths.dashboard}?from=2024-01-01&to=2024-12-31`), 200)
  })

  it('exports the same figures as CSV: unformatted numbers, headings in the user’s language, nothing a spreadsheet would run', async () => {
    const agent = await staffAgent(testApp.app, supervisor, 'es')
    const response = withStatus(await agent.get(consolePaths.dashboardCsv + query), 200)
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/)
    expect(response.headers['content-disposition']).toContain(`supervisor-figures-${period.from}-to-${period.to}.csv`)
    const lines = response.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toBe(['from', 'to', 'figure', 'breakdown', 'group', 'value'].map((c) => text('es', `supervisor:csv.columns.${c}`)).join(','))
    const value = (figure: string, group: string) => {
      const prefix = `${period.from},${period.to},${text('es', `supervisor:csv.figures.${figure}`)},`
      const found = lines.filter((line) => line.startsWith(prefix) && line.split(',')[4] === group)
      expect(found).toHaveLength(1)
      return found[0]!.split(',')[5]
    }
    const all = text('es', 'supervisor:categories.all')
    expect(value('calls', all)).toBe('6')
    expect(value('shareResolvedByPhone', all)).toBe('0.6')
    expect(value('shareResolvedByPhone', text('es', 'supervisor:categories.language.en'))).toBe('0.6667')
    expect(value('targetResolvedByPhone', all)).toBe('0.7')
    expect(value('shareCompletedWithinDue', all)).toBe('0.3333')
    expect(value('medianBusinessMinutesToFirstAttempt', all)).toBe('375')
    expect(value('medianMinutesToFirstAttempt', all)).toBe('855')
    expect(value('shareCompletedWithinDue', text('es', 'callbacks:topics.court'))).toBe('')
    expect(value('messages.received', all)).toBe('3')
    expect(value('messages.targetAnsweredWithinDue', all)).toBe('0.8')
    expect(value('messages.shareAnsweredWithinDue', all)).toBe('0.3333')
    expect(value('messages.shareAnsweredWithinDue', text('es', 'supervisor:categories.language.en'))).toBe('1')
    expect(value('messages.medianBusinessMinutesToFirstAnswer', all)).toBe('1140')
    expect(value('messages.shareAnsweredWithinDue', text('es', 'callbacks:topics.court'))).toBe('')
  })

  it('refuses a bad period for the CSV with a 400 in the user’s language', async () => {
    const agent = await staffAgent(testApp.app, supervisor, 'es')
    const response = withStatus(await agent.get(`${consolePaths.dashboardCsv}?from=2025-09-12&to=2025-09-08`), 400)
    expect(response.text).toBe(text('es', 'supervisor:period.errors.toBeforeFrom'))
  })

  it('is for supervisors only: a representative gets 403, a visitor goes to sign-in', async () => {
    const rep = await staffAgent(testApp.app, bilingualRep)
    const refused = withStatus(await rep.get(consolePaths.dashboard), 403)
    // Not "this form has expired": the page says the account may not open it, and leads back to the queue.
    expect(refused.text).toContain('You do not have access to this page')
    expect(refused.text).not.toContain('This form has expired')
    expect(refused.text).toContain(`href="${consolePaths.queue}"`)
    withStatus(await rep.get(consolePaths.dashboardCsv), 403)
    for (const path of [consolePaths.dashboard, consolePaths.dashboardCsv + query]) {
      await request(testApp.app).get(path).expect(303).expect('Location', consolePaths.signIn)
    }
  })
})
