// Issue 15, scale: the console's one queue (callbacks and messages, every filter, "take the next one", a call recorded,
// a message answered), the supervisor's figures, and what a parent reads of their own requests and messages, sign-in
// and the phone line's caller lookups, stay on an index with thousands of items waiting. Every statement the services
// send is captured and the database is asked for its plan (test/helpers/queryPlans.ts), on SQLite and on PostgreSQL.
import { sql } from 'kysely'

import { fixedClock } from '../../server/clock'
import { loadConfig } from '../../server/config'
import { loadDemoActivity } from '../../server/demo/demoActivity'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { demoPersonas } from '../../server/demo/personas'
import { createServices, type Services } from '../../server/services'
import { captureQueries, fullTableScans, type QueryCapture } from '../helpers/queryPlans'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

const today = '2026-03-18'
const clock = fixedClock('2026-03-18T17:00:00Z') // a Wednesday, 10 a.m. in California
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' })

describe('query plans of the console queue, the supervisor figures and a parent’s own requests', () => {
  let database: TestDatabase
  let capture: QueryCapture
  let services: Services
  let repId: number

  beforeAll(async () => {
    database = await createTestDatabase()
    await loadDemoData(database.db, { ssnHmacKey: config.ssnHmacKey, today })
    await loadDemoActivity(database.db, { today, maxAttempts: config.callbacks.maxAttempts })
    capture = captureQueries(database)
    services = createServices({ database: { ...database, db: capture.db }, config, clock })
    repId = (await database.db.selectFrom('staff').select('id').where('username', '=', 'rep.garcia').executeTakeFirstOrThrow()).id
    // A backlog: requests from callers the phone line did not know, and messages from the demo's parents.
    for (let i = 0; i < 60; i++) {
      await services.callbacks.requestCallback({
        phone: `+1916555${String(2000 + i).padStart(4, '0')}`, language: i % 3 ? 'en' : 'es',
        topic: ['payments', 'balance', 'documents'][i % 3]!, preferredWindow: i % 2 ? 'asap' : 'afternoon', channel: i % 2 ? 'web' : 'phone',
      })
    }
    const roles = await database.db.selectFrom('case_roles').select(['participant_id', 'case_id']).where('role', '!=', 'child').execute()
    for (const [i, role] of roles.entries()) {
      await services.messages.startThread({
        participantId: role.participant_id, caseId: role.case_id, topic: 'payments', body: `Question ${i}`, language: i % 2 ? 'en' : 'es',
      })
    }
  }, 180_000)
  afterAll(async () => {
    await services.attemptLimits.close()
    await database.close()
  })

  it('sees a scan where there is one (the check itself can fail)', async () => {
    capture.clear()
    await capture.db.selectFrom('ledger').select('id').where('reason', '=', 'nothing has this reason').execute()
    expect(await fullTableScans(database, capture.captured)).toEqual([expect.stringMatching(/ledger/)])
  })

  it('lists, filters, takes and works the queue through indexes', async () => {
    capture.clear()
    for (const filters of [{}, { kind: 'callback' }, { kind: 'message' }, { language: 'es' }, { topic: 'payments' }, { kind: 'message', language: 'en', topic: 'payments' }]) {
      await services.queue.list(filters)
      await services.queue.page({ ...filters, page: 2 })
    }
    const callback = await services.queue.claimNext(repId, { kind: 'callback' })
    if (!callback.ok || callback.kind !== 'callback') throw new Error('no callback to take')
    await services.callbacks.callbackForStaff(callback.callback.id)
    await services.callbacks.attemptsFor(callback.callback.id)
    await services.callbacks.recordAttempt(callback.callback.id, repId, 'left_message', 'Left a message')
    await services.callbacks.claim(callback.callback.id, repId)
    await services.callbacks.release(callback.callback.id, repId)
    const message = await services.queue.claimNext(repId, { kind: 'message' })
    if (!message.ok || message.kind !== 'message') throw new Error('no message to take')
    await services.messages.threadForStaff(repId, message.threadId)
    await services.messages.replyAsStaff({ threadId: message.threadId, staffId: repId, body: 'We sent it on Monday.', close: false })
    await services.messages.release(message.threadId, repId)
    await services.messages.claim(message.threadId, repId)
    await services.queue.claimNext(repId, {})
    const caseId = (await database.db.selectFrom('cases').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    await services.callbacks.listForCase(caseId)
    await services.messages.listForCase(caseId)
    expect(capture.captured.length).toBeGreaterThan(20)
    expect(await fullTableScans(database, capture.captured)).toEqual([])
  })

  it('counts the supervisor’s figures through indexes', async () => {
    capture.clear()
    for (const period of [{ from: today, to: today }, { from: '2026-02-17', to: today }]) {
      await services.callbacks.supervisorFigures(period)
      await services.calls.supervisorFigures(period)
      await services.messages.supervisorFigures(period)
    }
    expect(capture.captured.length).toBeGreaterThan(5)
    expect(await fullTableScans(database, capture.captured)).toEqual([])
  })

  it('reads a parent’s own requests and messages, signs them in and knows their phone through indexes', async () => {
    capture.clear()
    let parentsRead = 0
    for (const persona of demoPersonas().filter((p) => p.activation.activated).slice(0, 4)) {
      const signIn = await services.identity.signInWithPassword(persona.web.username, persona.web.password)
      await services.identity.signInWithPin(persona.phone.parId, persona.phone.pin)
      await services.calls.recognizeCaller(persona.phone.callerId)
      if (signIn.outcome !== 'signed_in') throw new Error(`${persona.id} did not sign in`)
      const participantId = signIn.participantId
      parentsRead++
      await services.identity.securityNotices(participantId, clock.now().toISOString())
      await services.contactDetails.get(participantId)
      const callbacks = await services.callbacks.listForParent(participantId)
      await services.callbacks.findOpenForParent(participantId, { topic: 'payments' })
      if (callbacks[0]) await services.callbacks.statusByCode(callbacks[0].confirmationCode)
      const threads = await services.messages.listForParent(participantId)
      await services.messages.unreadReplies(participantId)
      if (threads[0]) {
        await services.messages.threadForParent(participantId, threads[0].id)
        await services.messages.replyAsParent(participantId, threads[0].id, 'One more thing.')
      }
      if (callbacks[0]) await services.callbacks.cancelByParent(participantId, callbacks[0].id)
    }
    await services.identity.signInStaff('rep.garcia', 'not the password')
    expect(parentsRead).toBe(4)
    expect(capture.captured.length).toBeGreaterThan(20)
    expect(await fullTableScans(database, capture.captured)).toEqual([])
  })

  it('had a backlog to plan over', async () => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from message_threads`.execute(database.db)
    expect(Number(rows[0]!.n)).toBeGreaterThan(20)
  })
})
