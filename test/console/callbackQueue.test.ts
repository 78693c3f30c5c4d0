import { groupedConfirmationCode } from '../../server/callbacks/confirmationCode'
import { consolePaths, consolePathTo } from '../../server/console/paths'
import { portalPaths } from '../../server/portal/paths'
import { formatDateTime } from '../../server/templates'
import { SimulatedCall } from '../ivr/helpers/simulatedCall'
import {
  createPortalTestApp,
  escaped,
  expectFormErrors,
  moneyIn,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
  submitForm,
  text,
  withStatus,
} from '../portal/portalTestApp'
import { bilingualRep, englishRep, postFrom, staffAgent, supervisor } from './consoleTestApp'

// One queue from the web and the phone: a parent asks online, another asks on the phone line, and both requests
// reach the representatives' queue with the due times the service level gives; a representative takes one, sees
// the case through the same case-inquiry service, records calls and closes it.

describe('the callback queue in the console', () => {
  let testApp: PortalTestApp
  let webCode: string
  let phoneCode: string
  let webRequestId: number
  let phoneRequestId: number

  beforeAll(async () => {
    testApp = await createPortalTestApp()

    // Online: a Spanish-speaking parent asks about payments in Spanish.
    const parent = await signedInAgent(testApp.app, persona('spanish-speaker'), 'es')
    withStatus(
      await submitForm(parent, portalPaths.requestCallback, { caseId: 'none', topic: 'payments', phone: '(916) 555-0150', window: 'morning', language: 'es' }),
      303,
    )

    // By phone: the parent with a suspended license signs in, hears the balance, and asks to be called back.
    const caller = persona('suspended-license')
    const call = new SimulatedCall(testApp.app, testApp.config, caller.phone.callerId)
    await call.dial()
    await call.press('1')
    await call.press(caller.phone.parId)
    await call.press(caller.phone.pin)
    if (call.last.gather?.action === '/ivr/step/caseChoice') await call.press('1')
    await call.press('1') // balance
    await call.press('2') // back to the menu
    await call.press('3') // more options
    await call.press('4') // a callback
    await call.press('1') // this number
    await call.press('1') // as soon as possible
    await call.press('3') // driver's license

    const rows = await testApp.database.db.selectFrom('callbacks').selectAll().orderBy('id').execute()
    expect(rows.map((r) => r.channel)).toEqual(['web', 'phone'])
    webRequestId = rows[0]!.id
    webCode = groupedConfirmationCode(rows[0]!.confirmation_code)
    phoneRequestId = rows[1]!.id
    phoneCode = groupedConfirmationCode(rows[1]!.confirmation_code)
  })
  afterAll(() => testApp.close())

  it('shows the web and the phone request, each with the due time the service level set', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const html = (await agent.get(consolePaths.queue).expect(200)).text
    for (const entry of await servicesOf(testApp).callbacks.listQueue()) {
      expect(html).toContain(groupedConfirmationCode(entry.callback.confirmationCode))
      expect(html).toContain(escaped(formatDateTime('en', entry.callback.dueBy.toISOString())))
    }
    expect(html).toContain(text('en', 'callbacks:channels.web'))
    expect(html).toContain(text('en', 'callbacks:channels.phone'))
    // Due first at the top.
    const due = (await servicesOf(testApp).callbacks.listQueue()).map((e) => groupedConfirmationCode(e.callback.confirmationCode))
    expect(html.indexOf(due[0]!)).toBeLessThan(html.indexOf(due[1]!))
  })

  it('filters by language and topic, and says so in Spanish for a filter it does not know', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const spanish = (await agent.get(`${consolePaths.queue}?language=es`).expect(200)).text
    expect(spanish).toContain(webCode)
    expect(spanish).not.toContain(phoneCode)
    const license = (await agent.get(`${consolePaths.queue}?topic=license`).expect(200)).text
    expect(license).toContain(phoneCode)
    expect(license).not.toContain(webCode)
    const bad = withStatus(await agent.get(`${consolePaths.queue}?language=fr&topic=weather`), 400)
    expectFormErrors(bad.text, 'es', { language: 'callbacks:errors.languageUnknown', topic: 'callbacks:errors.topicUnknown' })
  })

  it('gives an English-only representative no Spanish request when they take the next one', async () => {
    const agent = await staffAgent(testApp.app, englishRep)
    const taken = await postFrom(agent, `${consolePaths.queue}?language=es`, consolePaths.claimNext, { language: 'es', topic: '' })
    expect(taken.status).toBe(303)
    expect(taken.headers.location).toBe(`${consolePaths.queue}?language=es`)
    const page = (await agent.get(taken.headers.location!).expect(200)).text
    expect(page).toContain(escaped(text('en', 'console:queue.nothingToClaim')))
    expect((await servicesOf(testApp).callbacks.callbackForStaff(webRequestId))!.callback.status).toBe('open')
  })

  it('claims nothing when the filters sent with "take the next request" are not ones it knows, and says why', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const claimedBefore = await testApp.database.db.selectFrom('callbacks').select(['id', 'status', 'claimed_by']).orderBy('id').execute()
    for (const fields of [{ language: 'fr', topic: '' }, { language: '', topic: 'weather' }, { language: 'es', topic: '<x-fuzz>' }]) {
      const refused = withStatus(await postFrom(agent, consolePaths.queue, consolePaths.claimNext, fields), 400)
      const expected = { ...(fields.language === 'fr' ? { language: 'callbacks:errors.languageUnknown' } : {}), ...(fields.topic ? { topic: 'callbacks:errors.topicUnknown' } : {}) }
      expectFormErrors(refused.text, 'es', expected)
      expect(refused.text).not.toContain('<x-fuzz>')
    }
    const claimedAfter = await testApp.database.db.selectFrom('callbacks').select(['id', 'status', 'claimed_by']).orderBy('id').execute()
    expect(claimedAfter).toEqual(claimedBefore)
  })

  it('lets one representative take a request; a second one is told it is taken', async () => {
    const garcia = await staffAgent(testApp.app, bilingualRep)
    const taken = await postFrom(garcia, consolePaths.queue, consolePathTo('claim', { callbackId: phoneRequestId }))
    expect(taken.status).toBe(303)
    expect(taken.headers.location).toBe(consolePathTo('callback', { callbackId: phoneRequestId }))
    const page = (await garcia.get(taken.headers.location!).expect(200)).text
    expect(page).toContain(escaped(text('en', 'console:notices.claimed', { code: phoneCode })))

    const nguyen = await staffAgent(testApp.app, englishRep)
    const refused = await postFrom(nguyen, consolePaths.queue, consolePathTo('claim', { callbackId: phoneRequestId }))
    expect(refused.headers.location).toBe(consolePaths.queue)
    expect((await nguyen.get(consolePaths.queue).expect(200)).text).toContain(escaped(text('en', 'callbacks:errors.alreadyClaimed')))
    expect((await nguyen.get(consolePaths.queue).expect(200)).text).toContain(escaped(text('en', 'console:queue.claimedBy', { name: 'Elena García' })))
  })

  it('shows the representative the case from the case-inquiry service and what the phone line told the caller', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const html = (await agent.get(consolePathTo('callback', { callbackId: phoneRequestId })).expect(200)).text
    const detail = (await servicesOf(testApp).callbacks.callbackForStaff(phoneRequestId))!
    const summary = await servicesOf(testApp).cases.getCaseSummary({ kind: 'staff', staffId: 1, role: 'rep' }, detail.callback.caseId!, 'console')
    expect(html).toContain(summary.caseNumber)
    expect(html).toContain(moneyIn('en', summary.balances.totalOwedCents))
    expect(html).toContain(escaped(text('en', 'console:callback.phoneIdentified')))
    expect(html).toContain(escaped(text('en', 'console:phoneContext.names.balance')))
    expect(html).toContain(escaped(text('en', 'console:phoneContext.names.callbackTopic')))
    expect(html).toContain(escaped(persona('suspended-license').name))
    // The one holding it can record a call, place one and give it back.
    expect(html).toContain(`action="${consolePathTo('attempt', { callbackId: phoneRequestId })}"`)
    expect(html).toContain(`action="${consolePathTo('callNow', { callbackId: phoneRequestId })}"`)
    expect(html).toContain(`action="${consolePathTo('release', { callbackId: phoneRequestId })}"`)
  })

  it('records every view of the case in its audit trail, through the console', async () => {
    const detail = (await servicesOf(testApp).callbacks.callbackForStaff(phoneRequestId))!
    const rows = await testApp.database.db
      .selectFrom('audit_events')
      .select(['action', 'channel', 'actor_kind', 'details'])
      .where('case_id', '=', detail.callback.caseId!)
      .where('channel', '=', 'console')
      .execute()
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['case.summary', 'case.parties']))
    // One row for the case as the page shows it, which says that it showed the next steps too.
    expect(rows.filter((r) => r.action === 'case.summary').map((r) => JSON.parse(r.details ?? '{}') as unknown)).toContainEqual(
      expect.objectContaining({ withNextSteps: true }),
    )
    expect(new Set(rows.map((r) => r.actor_kind))).toEqual(new Set(['staff']))
  })

  it('refuses an attempt without an outcome or with too long a note, keeps the note, and changes nothing', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const page = consolePathTo('callback', { callbackId: phoneRequestId })
    const missing = withStatus(await postFrom(agent, page, consolePathTo('attempt', { callbackId: phoneRequestId }), { note: 'Llamé por la mañana' }), 400)
    expectFormErrors(missing.text, 'es', { outcome: 'callbacks:errors.outcomeUnknown' })
    expect(missing.text).toContain('Llamé por la mañana')
    const long = withStatus(await postFrom(agent, page, consolePathTo('attempt', { callbackId: phoneRequestId }), { outcome: 'resolved', note: 'x'.repeat(2001) }), 400)
    expectFormErrors(long.text, 'es', { note: 'callbacks:errors.noteTooLong' })
    expect(long.text).toContain('x'.repeat(2001))
    const unchanged = (await servicesOf(testApp).callbacks.callbackForStaff(phoneRequestId))!
    expect(unchanged.callback.attempts).toBe(0)
    expect(unchanged.attempts).toEqual([])
  })

  it('records a missed call, puts the request back for a retry, and shows when', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const page = consolePathTo('callback', { callbackId: phoneRequestId })
    const recorded = await postFrom(agent, page, consolePathTo('attempt', { callbackId: phoneRequestId }), { outcome: 'no_answer', note: 'Rang eight times' })
    expect(recorded.status).toBe(303)
    expect(recorded.headers.location).toBe(consolePaths.queue)
    const after = (await servicesOf(testApp).callbacks.callbackForStaff(phoneRequestId))!
    expect(after.callback).toMatchObject({ status: 'open', attempts: 1, claimedBy: null })
    const retry = formatDateTime('en', after.callback.nextAttemptAfter!.toISOString())
    const queue = (await agent.get(consolePaths.queue).expect(200)).text
    expect(queue).toContain(escaped(text('en', 'console:notices.retryScheduled', { code: phoneCode, attempt: 1, max: 3, time: retry })))
    expect(queue).toContain(escaped(text('en', 'console:queue.retryAfter', { time: retry })))
    const detail = (await agent.get(page).expect(200)).text
    expect(detail).toContain('Rang eight times')
    expect(detail).toContain(escaped(text('en', 'callbacks:outcomes.no_answer')))
  })

  it('releases a claim and then closes a request as resolved', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const page = consolePathTo('callback', { callbackId: webRequestId })
    await postFrom(agent, consolePaths.queue, consolePathTo('claim', { callbackId: webRequestId })).then((r) => expect(r.status).toBe(303))
    const released = await postFrom(agent, page, consolePathTo('release', { callbackId: webRequestId }))
    expect(released.headers.location).toBe(consolePaths.queue)
    expect((await servicesOf(testApp).callbacks.callbackForStaff(webRequestId))!.callback.status).toBe('open')

    await postFrom(agent, consolePaths.queue, consolePathTo('claim', { callbackId: webRequestId }))
    const closed = await postFrom(agent, page, consolePathTo('attempt', { callbackId: webRequestId }), { outcome: 'resolved' })
    expect(closed.status).toBe(303)
    expect((await servicesOf(testApp).callbacks.callbackForStaff(webRequestId))!.callback.status).toBe('completed')
    const queue = (await agent.get(consolePaths.queue).expect(200)).text
    expect(queue).toContain(escaped(text('en', 'console:notices.closed.completed', { code: webCode })))
    expect(queue).not.toContain(`>${webCode}<`)
    // A closed request cannot be recorded on again.
    const again = await postFrom(agent, page, consolePathTo('attempt', { callbackId: webRequestId }), { outcome: 'resolved' })
    expect(again.headers.location).toBe(page)
    expect((await agent.get(page).expect(200)).text).toContain(escaped(text('en', 'callbacks:errors.closed')))
  })

  it('answers 404 for a request that does not exist or is not a number, and 403 for a post without a token', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    await agent.get(consolePathTo('callback', { callbackId: 999999 })).expect(404)
    await agent.get('/console/callbacks/abc').expect(404)
    await agent.post(consolePathTo('claim', { callbackId: phoneRequestId })).type('form').send({}).expect(403)
  })

  it('offers a request whose claim lapsed an hour ago to another representative', async () => {
    const services = servicesOf(testApp)
    const { callback } = await services.callbacks.requestCallback({ phone: '+19165550177', language: 'en', topic: 'other', preferredWindow: 'asap', channel: 'phone' })
    const boss = await testApp.database.db.selectFrom('staff').select('id').where('username', '=', supervisor.username).executeTakeFirstOrThrow()
    expect(await services.callbacks.claim(callback.id, boss.id)).toMatchObject({ ok: true })
    testApp.clock.advance(61 * 60_000)
    try {
      const agent = await staffAgent(testApp.app, englishRep)
      const queue = (await agent.get(consolePaths.queue).expect(200)).text
      expect(queue).toContain(escaped(text('en', 'console:queue.claimLapsed')))
      expect(queue).toContain(`action="${consolePathTo('claim', { callbackId: callback.id })}"`)
      const taken = await postFrom(agent, consolePaths.queue, consolePathTo('claim', { callbackId: callback.id }))
      expect(taken.headers.location).toBe(consolePathTo('callback', { callbackId: callback.id }))
      expect((await services.callbacks.callbackForStaff(callback.id))!.callback.claimedBy).not.toBe(boss.id)
    } finally {
      testApp.clock.advance(-61 * 60_000)
    }
  })

  it('keeps supervisor pages from a representative', async () => {
    const rep = await staffAgent(testApp.app, bilingualRep)
    await rep.get(consolePaths.dashboard).expect(403)
    const boss = await staffAgent(testApp.app, supervisor)
    await boss.get(consolePaths.queue).expect(200)
  })
})
