// The demo's weeks of calls and callback requests, read back through the services the console uses: the queue has
// something to work in both languages and from both channels, the dashboard has figures that are neither empty nor
// perfect, and the rows keep the rules the live phone line and queue keep.
import type { Kysely } from 'kysely'

import { createBusinessCalendar } from '../../server/callbacks/businessCalendar'
import { confirmationCodeAlphabet } from '../../server/callbacks/confirmationCode'
import { createServiceLevel } from '../../server/callbacks/serviceLevel'
import { addDays } from '../../server/agencyTime/calendarDates'
import { fixedClock } from '../../server/clock'
import { loadConfig } from '../../server/config'
import { withStartupLock } from '../../server/db/migrate'
import type { Database } from '../../server/db/schema'
import { buildDemoActivity, type DemoCaller, loadDemoActivity } from '../../server/demo/demoActivity'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { personaCatalog } from '../../server/demo/personaCatalog'
import { type Services, createServices } from '../../server/services'
import { answerNames, stepNames } from '../../ivr/flowState'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { testSsnKey } from './demoLookups'

// A Wednesday; the representatives look at the queue at 10 a.m.
const today = '2026-03-18'
const calendar = createBusinessCalendar()
const serviceLevel = createServiceLevel(calendar)
const now = calendar.instantAt(today, 10 * 60)
const todayStart = calendar.instantAt(today, 0)
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:' })

async function loadedDatabase(day = today): Promise<TestDatabase> {
  const database = await createTestDatabase()
  await withStartupLock(database.db, database.dialect, async (trx) => {
    await loadDemoData(trx, { ssnHmacKey: testSsnKey, today: day })
    expect(await loadDemoActivity(trx, { today: day, maxAttempts: config.callbacks.maxAttempts })).toEqual({ loaded: true })
  })
  return database
}

async function activityRows(db: Kysely<Database>) {
  return {
    calls: await db.selectFrom('calls').selectAll().orderBy('started_at').orderBy('call_sid').execute(),
    callbacks: await db.selectFrom('callbacks').selectAll().orderBy('id').execute(),
    attempts: await db.selectFrom('callback_attempts').selectAll().orderBy('id').execute(),
  }
}

describe('demo activity', () => {
  let database: TestDatabase
  let services: Services
  let rows: Awaited<ReturnType<typeof activityRows>>

  beforeAll(async () => {
    database = await loadedDatabase()
    services = createServices({ database, config, clock: fixedClock(now) })
    rows = await activityRows(database.db)
  })
  afterAll(async () => {
    await database.close()
  })

  it('leaves a queue of pending requests in English and Spanish, from the web and the phone', async () => {
    const queue = await services.callbacks.listQueue({ now })
    expect(queue.length).toBeGreaterThanOrEqual(5)
    expect(new Set(queue.map((e) => e.callback.language))).toEqual(new Set(['en', 'es']))
    expect(new Set(queue.map((e) => e.callback.channel))).toEqual(new Set(['web', 'phone']))
    expect(new Set(queue.map((e) => e.callback.topic)).size).toBeGreaterThanOrEqual(4)
    const claimed = queue.filter((e) => e.callback.status === 'claimed')
    expect(claimed.length).toBeGreaterThanOrEqual(1)
    const repIds = new Set((await database.db.selectFrom('staff').select('id').where('role', '=', 'rep').execute()).map((s) => s.id))
    for (const entry of claimed) expect(repIds.has(entry.callback.claimedBy!)).toBe(true)
    // One waits for its retry after a missed call; at least one is already overdue.
    expect(queue.filter((e) => !e.readyNow && e.callback.attempts === 1)).toHaveLength(1)
    expect(queue.some((e) => e.timeLeft.overdue)).toBe(true)
    // Every pending request is a persona's, on one of their cases.
    for (const { callback } of queue) {
      expect(callback.participantId).not.toBeNull()
      const role = await database.db.selectFrom('case_roles').select('role')
        .where('participant_id', '=', callback.participantId!).where('case_id', '=', callback.caseId!).executeTakeFirst()
      expect(role?.role).toMatch(/^(paying|receiving)$/)
    }
  })

  it('gives the supervisor figures for the last 30 days that are near their targets, not empty or perfect', async () => {
    const period = { from: addDays(today, -29), to: today }
    const callFigures = await services.calls.supervisorFigures(period)
    expect(callFigures.overall.calls).toBeGreaterThan(200)
    expect(callFigures.overall.inProgress).toBe(0)
    expect(callFigures.overall.shareResolvedByPhone).toBeGreaterThan(0.5)
    expect(callFigures.overall.shareResolvedByPhone).toBeLessThan(0.9)
    expect(callFigures.byLanguage.es.calls).toBeGreaterThan(0)
    for (const outcome of ['callbackRequested', 'transferred', 'abandoned'] as const) expect(callFigures.overall[outcome]).toBeGreaterThan(0)

    const callbackFigures = await services.callbacks.supervisorFigures(period, now)
    const overall = callbackFigures.overall
    expect(overall.judged).toBeGreaterThan(20)
    // Near the 80% target, so the figure means something, and never perfect.
    expect(overall.shareCompletedWithinDue).toBeGreaterThan(0.6)
    expect(overall.shareCompletedWithinDue).toBeLessThan(1)
    expect(overall.cancelledByParent).toBeGreaterThan(0)
    expect(overall.notYetDue).toBeGreaterThan(0)
    expect(callbackFigures.byLanguage.es.requested).toBeGreaterThan(0)
  })

  it('links every phone request to a call that ended in a callback request, and every such call to its request', () => {
    const callsBySid = new Map(rows.calls.map((c) => [c.call_sid, c]))
    const phoneRequests = rows.callbacks.filter((c) => c.channel === 'phone')
    expect(phoneRequests.length).toBeGreaterThan(10)
    for (const request of phoneRequests) {
      const call = callsBySid.get(request.call_sid!)
      expect(call?.outcome).toBe('callback_requested')
      expect(call!.participant_id).toBe(request.participant_id)
      const context = JSON.parse(request.phone_context!) as { path: string[]; heard: string[]; identified: boolean }
      expect(context.path).toEqual(JSON.parse(call!.path))
      expect(context.identified).toBe(request.participant_id !== null)
      expect(context.path.slice(-2)).toEqual(['callbackTopic', 'anythingElse'])
    }
    const requestedSids = new Set(phoneRequests.map((r) => r.call_sid))
    for (const call of rows.calls.filter((c) => c.outcome === 'callback_requested')) expect(requestedSids.has(call.call_sid)).toBe(true)
    for (const request of rows.callbacks.filter((c) => c.channel === 'web')) expect([request.call_sid, request.phone_context]).toEqual([null, null])
  })

  it('keeps at most one pending request per parent, case and topic', () => {
    const pending = rows.callbacks.filter((c) => c.status === 'open' || c.status === 'claimed')
    const keys = pending.map((c) => `${c.participant_id}:${c.case_id ?? 0}:${c.topic}`)
    expect(pending.length).toBeGreaterThan(0)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('records calls the phone line could have recorded', () => {
    const known = new Set<string>([...stepNames, ...answerNames])
    const languages = new Set<string>()
    for (const call of rows.calls) {
      const path = JSON.parse(call.path) as string[]
      expect(path[0]).toBe('welcome')
      for (const step of path) expect(known.has(step)).toBe(true)
      expect(call.call_sid).toMatch(/^CA[0-9a-f]{32}$/)
      expect(Date.parse(call.ended_at!) - Date.parse(call.started_at)).toBe(Number(call.duration_seconds) * 1000)
      expect(Number(call.identified)).toBe(call.participant_id === null ? 0 : 1)
      // A person answers only while the office is open.
      if (call.outcome === 'transferred') expect(calendar.isOpenAt(new Date(call.started_at))).toBe(true)
      const { heardAnswer } = JSON.parse(call.state) as { heardAnswer: boolean }
      if (call.outcome === 'resolved_by_phone') expect(heardAnswer).toBe(true)
      if (call.outcome === 'abandoned') expect(heardAnswer).toBe(false)
      languages.add(call.language)
    }
    expect(languages).toEqual(new Set(['en', 'es']))
    expect(rows.calls.some((c) => !calendar.isOpenAt(new Date(c.started_at)))).toBe(true)
  })

  it('dates requests and attempts as the service level and the queue would have', () => {
    const codePattern = new RegExp(`^[${confirmationCodeAlphabet}]{6}$`)
    const attemptsOf = new Map<number, typeof rows.attempts>()
    for (const a of rows.attempts) attemptsOf.set(a.callback_id, [...(attemptsOf.get(a.callback_id) ?? []), a])
    for (const request of rows.callbacks) {
      expect(request.confirmation_code).toMatch(codePattern)
      const createdAt = new Date(request.created_at)
      expect(createdAt < todayStart).toBe(true)
      expect(request.due_by).toBe(serviceLevel.dueBy(createdAt, request.preferred_window as 'asap').toISOString())
      const attempts = attemptsOf.get(request.id) ?? []
      expect(Number(request.attempts)).toBe(attempts.length)
      for (const attempt of attempts) {
        expect(calendar.isOpenAt(new Date(attempt.attempted_at))).toBe(true)
        expect(new Date(attempt.attempted_at) > createdAt && new Date(attempt.attempted_at) < todayStart).toBe(true)
      }
      if (request.status === 'completed' || request.status === 'needs_caseworker' || request.status === 'unreachable') {
        expect(request.closed_at).toBe(attempts[attempts.length - 1]!.attempted_at)
      }
      if (request.closed_at) expect(new Date(request.closed_at) < todayStart).toBe(true)
    }
    const statuses = new Set(rows.callbacks.map((c) => c.status))
    for (const status of ['open', 'claimed', 'completed', 'needs_caseworker', 'unreachable', 'cancelled']) expect(statuses.has(status as never)).toBe(true)
    const outcomes = new Set(rows.attempts.map((a) => a.outcome))
    for (const outcome of ['no_answer', 'left_message', 'resolved', 'needs_caseworker', 'wrong_number']) expect(outcomes.has(outcome as never)).toBe(true)
  })

  it('loads once: a second load on the same database adds nothing', async () => {
    const second = await withStartupLock(database.db, database.dialect, (trx) => loadDemoActivity(trx, { today }))
    expect(second).toEqual({ loaded: false })
    expect(await activityRows(database.db)).toEqual(rows)
  })

  it('is the same, row for row, when loaded into another database for the same day', async () => {
    const other = await loadedDatabase()
    try {
      expect(await activityRows(other.db)).toEqual(rows)
    } finally {
      await other.close()
    }
  })
})

describe('demo activity on any day', () => {
  // Stand-ins for the personas (ids as a fresh database numbers them), so that many days are checked without one.
  const callers: DemoCaller[] = personaCatalog.map((p, index) => ({
    participantId: index + 1,
    personaKey: p.key,
    phone: p.phone,
    language: p.language,
    caseIds: p.key === 'both-roles' ? [index + 100, index + 200] : [index + 100],
    activated: p.activated,
  }))
  const reps = [
    { id: 1, username: 'rep.garcia', languages: ['en', 'es'] as Array<'en' | 'es'> },
    { id: 2, username: 'rep.nguyen', languages: ['en'] as Array<'en' | 'es'> },
  ]

  // Weekends, holidays and the days after them, and both daylight saving changes.
  const days = ['2025-11-28', '2025-11-29', '2025-12-26', '2026-01-01', '2026-01-02', '2026-03-09', '2026-05-26', '2026-11-02', '2026-12-28']

  it.each(days)('on %s dates nothing after today and leaves the same handful pending', (day) => {
    const activity = buildDemoActivity({ callers, reps }, { today: day })
    const dayStart = calendar.instantAt(day, 0)
    for (const call of activity.calls) expect(new Date(call.ended_at!) < dayStart).toBe(true)
    const pending = activity.callbacks.filter(({ row }) => row.status === 'open' || row.status === 'claimed')
    expect(pending).toHaveLength(7)
    for (const { row, attempts } of activity.callbacks) {
      for (const instant of [row.created_at, row.claimed_at, row.closed_at, ...attempts.map((a) => a.attempted_at)]) {
        if (instant) expect(new Date(instant) < dayStart).toBe(true)
      }
    }
    expect(new Set(activity.callbacks.map(({ row }) => row.confirmation_code)).size).toBe(activity.callbacks.length)
    expect(new Set(activity.calls.map((c) => c.call_sid)).size).toBe(activity.calls.length)
  })

  it('moves with the day it is started', () => {
    const first = buildDemoActivity({ callers, reps }, { today: '2026-03-18' })
    const later = buildDemoActivity({ callers, reps }, { today: '2026-03-19' })
    expect(later.calls[0]!.started_at).not.toBe(first.calls[0]!.started_at)
    expect(buildDemoActivity({ callers, reps }, { today: '2026-03-18' })).toEqual(first)
  })
})
