import { uniqueViolationOf } from '../../server/callbacks/callbackRepository'
import { CallbackValidationError } from '../../server/callbacks/callbackRequest'
import type { CallbackService } from '../../server/callbacks/callbackService'
import { confirmationCodeAlphabet } from '../../server/callbacks/confirmationCode'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { type CallbackWorld, callbackServiceOn, seedCallbackWorld, settableClock } from './callbackFixtures'

const dialectName = process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'
// Monday 5 January 2026, 9:00 Pacific.
const mondayNine = '2026-01-05T17:00:00.000Z'

describe(`callback service (${dialectName})`, () => {
  let database: TestDatabase
  let world: CallbackWorld
  const clock = settableClock(mondayNine)
  let service: CallbackService

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await seedCallbackWorld(database)
    service = callbackServiceOn(database, clock)
  })
  afterAll(() => database.close())
  beforeEach(async () => {
    clock.set(mondayNine)
    await database.db.deleteFrom('callback_attempts').execute()
    await database.db.deleteFrom('callbacks').execute()
  })

  const webRequest = (participantId: number, overrides: Record<string, unknown> = {}) => ({
    principal: { kind: 'parent' as const, participantId },
    caseId: world.caseA,
    phone: '916-555-0150',
    language: 'en',
    topic: 'payments',
    preferredWindow: 'morning',
    channel: 'web',
    ...overrides,
  })

  describe('requests', () => {
    it('file a request with a code, an E.164 phone and a due time from the service level', async () => {
      const { callback, existing } = await service.requestCallback(webRequest(world.payer))
      expect(existing).toBe(false)
      expect(callback).toMatchObject({
        caseId: world.caseA,
        participantId: world.payer,
        phone: '+19165550150',
        status: 'open',
        attempts: 0,
        createdAt: new Date(mondayNine),
        dueBy: new Date('2026-01-05T20:00:00.000Z'), // Monday 12:00: three hours of the morning are left
      })
      expect(callback.confirmationCode).toMatch(new RegExp(`^[${confirmationCodeAlphabet}]{6}$`))
      const stored = await database.db.selectFrom('callbacks').selectAll().where('id', '=', callback.id).executeTakeFirstOrThrow()
      expect(stored.due_by).toBe('2026-01-05T20:00:00.000Z')
    })

    it('keep what the phone line told the caller for the representative', async () => {
      const phoneContext = { path: ['welcome', 'identify', 'balance', 'callback'], heard: { balanceCents: 123_456 } }
      const callSid = 'CA' + '0f'.repeat(16)
      const { callback } = await service.requestCallback(
        webRequest(world.payer, { channel: 'phone', callSid, phoneContext, language: 'es', preferredWindow: 'asap' }),
      )
      expect(callback).toMatchObject({ channel: 'phone', callSid, phoneContext, language: 'es' })
      expect((await service.callbackForStaff(callback.id))?.callback.phoneContext).toEqual(phoneContext)
    })

    it('return the pending request on a repeat for the same case and topic, flagged as existing', async () => {
      const first = await service.requestCallback(webRequest(world.payer))
      clock.set('2026-01-05T18:00:00.000Z')
      const repeat = await service.requestCallback(webRequest(world.payer, { channel: 'phone', preferredWindow: 'afternoon' }))
      expect(repeat).toEqual({ callback: first.callback, existing: true })
      const otherTopic = await service.requestCallback(webRequest(world.payer, { topic: 'license' }))
      expect(otherTopic.existing).toBe(false)
    })

    it('never hand one parent the other parent\'s request on the same case', async () => {
      const payers = await service.requestCallback(webRequest(world.payer))
      const receivers = await service.requestCallback(webRequest(world.receiver, { phone: '(415) 555-2671' }))
      expect(receivers.existing).toBe(false)
      expect(receivers.callback.id).not.toBe(payers.callback.id)
      expect(receivers.callback.phone).toBe('+14155552671')
    })

    it('file only one of many simultaneous identical requests', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, () => service.requestCallback(webRequest(world.payer))))
      expect(new Set(results.map((r) => r.callback.id)).size).toBe(1)
      expect(results.filter((r) => !r.existing)).toHaveLength(1)
      const { count } = await database.db
        .selectFrom('callbacks')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow()
      expect(Number(count)).toBe(1)
    })

    it('let the database refuse a second pending request or a taken code, and tell which', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      const insert = (code: string, topic: string) =>
        database.db
          .insertInto('callbacks')
          .values({
            confirmation_code: code, case_id: world.caseA, participant_id: world.payer, phone: '+19165550150',
            language: 'en', topic, preferred_window: 'asap', channel: 'web', due_by: mondayNine,
            status: 'claimed', created_at: mondayNine, updated_at: mondayNine,
          })
          .execute()
      const failureOf = (work: Promise<unknown>) => work.then(() => null, (error: unknown) => uniqueViolationOf(error))
      expect(await failureOf(insert('XXXXXX', 'payments'))).toBe('pending_request')
      expect(await failureOf(insert(callback.confirmationCode, 'documents'))).toBe('confirmation_code')
      expect(await failureOf(insert('YYYYYY', 'documents'))).toBeNull() // another topic is fine
    })

    it('file a new request once the earlier one is closed', async () => {
      const first = await service.requestCallback(webRequest(world.payer))
      expect(await service.cancelByParent(world.payer, first.callback.id)).toMatchObject({ ok: true })
      const second = await service.requestCallback(webRequest(world.payer))
      expect(second.existing).toBe(false)
      expect(second.callback.id).not.toBe(first.callback.id)
    })

    it('refuse a case the parent is not a party to, with a message key', async () => {
      const attempt = service.requestCallback(webRequest(world.stranger))
      await expect(attempt).rejects.toBeInstanceOf(CallbackValidationError)
      await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'caseId', messageKey: 'callbacks:errors.notYourCase' }] })
    })

    it('refuse bad input with every issue, and store nothing', async () => {
      await expect(service.requestCallback(webRequest(world.payer, { phone: '555', topic: 'custody' }))).rejects.toMatchObject({
        issues: [
          { field: 'phone', messageKey: 'callbacks:errors.phoneInvalid' },
          { field: 'topic', messageKey: 'callbacks:errors.topicUnknown' },
        ],
      })
      expect(await database.db.selectFrom('callbacks').select('id').execute()).toEqual([])
    })

    it('let a staff member file for a parent who exists, and only for one', async () => {
      const staff = { kind: 'staff' as const, staffId: world.repBilingual }
      const filed = await service.requestCallback(webRequest(0, { principal: staff, participantId: world.receiver, caseId: null, channel: 'phone' }))
      expect(filed.callback).toMatchObject({ participantId: world.receiver, caseId: null })
      await expect(
        service.requestCallback(webRequest(0, { principal: staff, participantId: 987_654, caseId: null, channel: 'phone' })),
      ).rejects.toMatchObject({ issues: [{ field: 'participantId', messageKey: 'callbacks:errors.participantRequired' }] })
      await expect(
        service.requestCallback(webRequest(0, { principal: staff, participantId: world.stranger, caseId: world.caseA })),
      ).rejects.toMatchObject({ issues: [{ field: 'caseId', messageKey: 'callbacks:errors.notYourCase' }] })
    })

    it('take requests from unidentified callers about no case', async () => {
      const input = { phone: '+1 916 555 0177', language: 'es', topic: 'other', preferredWindow: 'asap', channel: 'phone' }
      const { callback } = await service.requestCallback(input)
      expect(callback).toMatchObject({ participantId: null, caseId: null, phone: '+19165550177' })
    })

    it('draw a new code when a code is already taken', async () => {
      // The first request gets 333333; the second draws 333333 again, collides, and then draws 444444.
      const draws = [...Array(12).fill(0), ...Array(6).fill(1)]
      const scripted = callbackServiceOn(database, clock, { randomIndex: () => draws.shift() ?? 2 })
      const first = await scripted.requestCallback(webRequest(world.payer))
      const second = await scripted.requestCallback(webRequest(world.receiver))
      expect(first.callback.confirmationCode).toBe('333333')
      expect(second.callback.confirmationCode).toBe('444444')
    })
  })

  describe('what a parent sees', () => {
    it('lists only their own requests, and lets them cancel only their own while pending', async () => {
      const mine = await service.requestCallback(webRequest(world.payer))
      const theirs = await service.requestCallback(webRequest(world.receiver))
      const listed = await service.listForParent(world.payer)
      expect(listed.map((c) => c.id)).toEqual([mine.callback.id])
      expect(listed[0]).not.toHaveProperty('claimedBy')
      expect(listed[0]).not.toHaveProperty('phoneContext')
      expect(listed[0]).toMatchObject({ canCancel: true, status: 'open' })

      expect(await service.cancelByParent(world.payer, theirs.callback.id)).toEqual({
        ok: false,
        reason: 'not_found',
        messageKey: 'callbacks:errors.notFound',
      })
      expect(await service.cancelByParent(world.payer, 999_999)).toMatchObject({ ok: false, reason: 'not_found' })
      expect((await service.listForParent(world.receiver))[0]?.status).toBe('open')

      const cancelled = await service.cancelByParent(world.payer, mine.callback.id)
      expect(cancelled).toMatchObject({ ok: true, callback: { status: 'cancelled', canCancel: false } })
      expect(await service.cancelByParent(world.payer, mine.callback.id)).toMatchObject({ ok: false, reason: 'closed' })
      expect(await service.findOpenForParent(world.payer)).toEqual([])
    })

    it('finds a parent\'s pending requests by case and topic', async () => {
      await service.requestCallback(webRequest(world.payer))
      await service.requestCallback(webRequest(world.payer, { topic: 'license' }))
      expect((await service.findOpenForParent(world.payer)).map((c) => c.topic).sort()).toEqual(['license', 'payments'])
      expect((await service.findOpenForParent(world.payer, { topic: 'license' })).map((c) => c.topic)).toEqual(['license'])
      expect(await service.findOpenForParent(world.payer, { caseId: world.caseB })).toEqual([])
    })

    it('tells the status behind a code, as typed or spoken, and nothing personal', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      const code = callback.confirmationCode
      const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`
      expect(await service.statusByCode(typed)).toEqual({
        confirmationCode: code,
        status: 'open',
        topic: 'payments',
        preferredWindow: 'morning',
        language: 'en',
        dueBy: callback.dueBy,
      })
      expect(await service.statusByCode('000000')).toBeNull()
      expect(await service.statusByCode(code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA')).toBeNull()
    })
  })

  describe('the queue', () => {
    it('lists pending requests by due time with the time left, filtered by language and topic', async () => {
      const afternoon = await service.requestCallback(webRequest(world.payer, { preferredWindow: 'afternoon' }))
      const morning = await service.requestCallback(webRequest(world.receiver, { language: 'es' }))
      const license = await service.requestCallback(webRequest(world.payer, { topic: 'license', preferredWindow: 'asap' }))
      const now = new Date('2026-01-05T19:00:00.000Z') // Monday 11:00
      const queue = await service.listQueue({ now })
      expect(queue.map((e) => e.callback.id)).toEqual([morning.callback.id, afternoon.callback.id, license.callback.id])
      expect(queue[0]).toMatchObject({ readyNow: true, timeLeft: { msLeft: 3_600_000, businessMinutesLeft: 60, overdue: false } })
      expect((await service.listQueue({ now, language: 'es' })).map((e) => e.callback.id)).toEqual([morning.callback.id])
      expect((await service.listQueue({ now, topic: 'license' })).map((e) => e.callback.id)).toEqual([license.callback.id])
      await expect(service.listQueue({ language: 'fr' })).rejects.toBeInstanceOf(CallbackValidationError)
      const overdue = await service.listQueue({ now: new Date('2026-01-06T18:00:00.000Z') })
      expect(overdue[0]?.timeLeft).toMatchObject({ overdue: true, businessMinutesLeft: 0 })
    })

    it('lets exactly one of many simultaneous claims win', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      const claimants = [world.repBilingual, world.repEnglish, world.supervisor]
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => service.claim(callback.id, claimants[i % 3]!)))
      const winners = results.filter((r) => r.ok)
      const winner = (winners[0] as { callback: { claimedBy: number } }).callback.claimedBy
      // The winner's own repeated clicks succeed idempotently; everyone else is told it is taken.
      expect(winners).toHaveLength(10)
      for (const [i, result] of results.entries()) {
        if (claimants[i % 3] === winner) expect(result.ok).toBe(true)
        else expect(result).toEqual({ ok: false, reason: 'already_claimed', messageKey: 'callbacks:errors.alreadyClaimed' })
      }
      const stored = await database.db.selectFrom('callbacks').select(['status', 'claimed_by']).executeTakeFirstOrThrow()
      expect(stored).toEqual({ status: 'claimed', claimed_by: winner })
    })

    it('hands each of many simultaneous claimNext calls a different request, in languages the rep speaks', async () => {
      const english = await service.requestCallback(webRequest(world.payer))
      const spanish = await service.requestCallback(webRequest(world.receiver, { language: 'es' }))
      const englishRep = await service.claimNext(world.repEnglish)
      expect(englishRep).toMatchObject({ ok: true, callback: { id: english.callback.id } })
      expect(await service.claimNext(world.repEnglish)).toMatchObject({ ok: false, reason: 'nothing_to_claim' })
      expect(await service.claimNext(world.repBilingual, { language: 'en' })).toMatchObject({ ok: false, reason: 'nothing_to_claim' })
      expect(await service.claimNext(world.repBilingual)).toMatchObject({ ok: true, callback: { id: spanish.callback.id } })

      await database.db.deleteFrom('callbacks').execute()
      const people = [world.payer, world.receiver, world.stranger]
      for (const [i, topic] of ['balance', 'payments', 'license', 'documents', 'court', 'other'].entries()) {
        const participant = people[i % 3]!
        await service.requestCallback(webRequest(participant, { topic, caseId: participant === world.stranger ? world.caseB : world.caseA }))
      }
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => service.claimNext(i % 2 ? world.repBilingual : world.repEnglish)),
      )
      const claimedIds = results.flatMap((r) => (r.ok ? [r.callback.id] : []))
      expect(claimedIds).toHaveLength(6)
      expect(new Set(claimedIds).size).toBe(6)
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'nothing_to_claim')).toBe(true)
    })

    it('lets only the claimant release a claim', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      await service.claim(callback.id, world.repBilingual)
      expect(await service.release(callback.id, world.repEnglish)).toMatchObject({ ok: false, reason: 'not_claimed_by_you' })
      expect(await service.release(callback.id, world.repBilingual)).toMatchObject({ ok: true, callback: { status: 'open', claimedBy: null } })
      expect(await service.release(callback.id, world.repBilingual)).toMatchObject({ ok: false, reason: 'not_claimed_by_you' })
      expect(await service.release(424_242, world.repBilingual)).toMatchObject({ ok: false, reason: 'not_found' })
    })

    it('lets a claim lapse after an hour, so another representative can take the request over', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      await service.claim(callback.id, world.repBilingual)
      clock.set('2026-01-05T17:59:00.000Z')
      expect(await service.claim(callback.id, world.repEnglish)).toMatchObject({ ok: false, reason: 'already_claimed' })
      expect((await service.listQueue())[0]).toMatchObject({ claimStale: false })
      expect(await service.claimNext(world.repEnglish)).toMatchObject({ ok: false, reason: 'nothing_to_claim' })

      clock.set('2026-01-05T18:01:00.000Z')
      expect((await service.listQueue())[0]).toMatchObject({ claimStale: true })
      expect((await service.callbackForStaff(callback.id))!.claimStale).toBe(true)
      // The parent is told it waits for a call, not that someone is working on it.
      expect((await service.listForParent(world.payer))[0]).toMatchObject({ id: callback.id, status: 'open' })
      expect(await service.claimNext(world.repEnglish)).toMatchObject({ ok: true, callback: { id: callback.id, claimedBy: world.repEnglish } })
      // The first representative's claim is gone: their attempt and their release are refused, and nothing changes.
      expect(await service.recordAttempt(callback.id, world.repBilingual, 'resolved')).toMatchObject({ ok: false, reason: 'not_claimed_by_you' })
      expect(await service.release(callback.id, world.repBilingual)).toMatchObject({ ok: false, reason: 'not_claimed_by_you' })
      expect((await service.callbackForStaff(callback.id))!).toMatchObject({ claimStale: false, callback: { status: 'claimed', attempts: 0 } })
    })
  })

  describe('attempts', () => {
    it('retry a missed call two office hours on, then close as unreachable after the third attempt', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer, { preferredWindow: 'asap' }))
      expect(await service.recordAttempt(callback.id, world.repBilingual, 'no_answer')).toMatchObject({
        ok: false,
        reason: 'not_claimed_by_you',
      })

      await service.claim(callback.id, world.repBilingual)
      clock.set('2026-01-05T18:00:00.000Z') // Monday 10:00
      const first = await service.recordAttempt(callback.id, world.repBilingual, 'no_answer', '  rang out  ')
      expect(first).toMatchObject({
        ok: true,
        callback: { status: 'open', attempts: 1, claimedBy: null, nextAttemptAfter: new Date('2026-01-05T20:00:00.000Z') },
        attempt: { outcome: 'no_answer', note: 'rang out', staffId: world.repBilingual },
      })
      // Waiting for its retry time: listed but not ready, and claimNext passes it by.
      expect((await service.listQueue({ now: clock.now() }))[0]).toMatchObject({ readyNow: false })
      expect(await service.claimNext(world.repEnglish)).toMatchObject({ ok: false, reason: 'nothing_to_claim' })

      clock.set('2026-01-05T20:00:00.000Z') // Monday 12:00
      expect(await service.claimNext(world.repEnglish)).toMatchObject({ ok: true, callback: { id: callback.id } })
      const second = await service.recordAttempt(callback.id, world.repEnglish, 'left_message', 'voicemail')
      expect(second).toMatchObject({ ok: true, callback: { status: 'open', attempts: 2, nextAttemptAfter: new Date('2026-01-05T22:00:00.000Z') } })

      clock.set('2026-01-06T17:00:00.000Z') // Tuesday 9:00
      await service.claim(callback.id, world.repEnglish)
      const third = await service.recordAttempt(callback.id, world.repEnglish, 'no_answer')
      expect(third).toMatchObject({
        ok: true,
        callback: { status: 'unreachable', attempts: 3, closedAt: new Date('2026-01-06T17:00:00.000Z'), nextAttemptAfter: null },
      })
      expect(await service.claim(callback.id, world.repEnglish)).toMatchObject({ ok: false, reason: 'closed' })

      const history = await service.attemptsFor(callback.id)
      expect(history.map((a) => [a.outcome, a.staffId, a.attemptedAt.toISOString(), a.note])).toEqual([
        ['no_answer', world.repBilingual, '2026-01-05T18:00:00.000Z', 'rang out'],
        ['left_message', world.repEnglish, '2026-01-05T20:00:00.000Z', 'voicemail'],
        ['no_answer', world.repEnglish, '2026-01-06T17:00:00.000Z', null],
      ])
      expect((await service.callbackForStaff(callback.id))?.attempts).toHaveLength(3)
      expect(await service.listQueue({ now: clock.now() })).toEqual([])
    })

    it.each([
      ['resolved', 'completed'],
      ['needs_caseworker', 'needs_caseworker'],
      ['wrong_number', 'unreachable'],
    ] as const)('close the request on %s as %s', async (outcome, status) => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      await service.claim(callback.id, world.repBilingual)
      const result = await service.recordAttempt(callback.id, world.repBilingual, outcome)
      expect(result).toMatchObject({ ok: true, callback: { status, attempts: 1, claimedBy: world.repBilingual } })
      expect(await service.recordAttempt(callback.id, world.repBilingual, 'resolved')).toMatchObject({ ok: false, reason: 'closed' })
      // A closed request frees its case and topic for a new one.
      expect((await service.requestCallback(webRequest(world.payer))).existing).toBe(false)
    })

    it('record one attempt when the same outcome is submitted twice at once', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      await service.claim(callback.id, world.repBilingual)
      const results = await Promise.all([
        service.recordAttempt(callback.id, world.repBilingual, 'no_answer'),
        service.recordAttempt(callback.id, world.repBilingual, 'no_answer'),
      ])
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(await service.attemptsFor(callback.id)).toHaveLength(1)
    })

    it('refuse an unknown outcome or an overlong note with message keys', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      await service.claim(callback.id, world.repBilingual)
      await expect(service.recordAttempt(callback.id, world.repBilingual, 'hung_up')).rejects.toMatchObject({
        issues: [{ field: 'outcome', messageKey: 'callbacks:errors.outcomeUnknown' }],
      })
      await expect(service.recordAttempt(callback.id, world.repBilingual, 'resolved', 'x'.repeat(2001))).rejects.toMatchObject({
        issues: [{ field: 'note', messageKey: 'callbacks:errors.noteTooLong' }],
      })
      expect(await service.attemptsFor(callback.id)).toEqual([])
    })

    it('refuse an attempt by a rep who does not hold the claim, and one on a request the parent cancelled', async () => {
      const { callback } = await service.requestCallback(webRequest(world.payer))
      await service.claim(callback.id, world.repBilingual)
      expect(await service.recordAttempt(callback.id, world.repEnglish, 'resolved')).toMatchObject({ ok: false, reason: 'not_claimed_by_you' })
      await service.cancelByParent(world.payer, callback.id)
      expect(await service.recordAttempt(callback.id, world.repBilingual, 'resolved')).toMatchObject({ ok: false, reason: 'closed' })
    })
  })

  describe('supervisor figures', () => {
    it('read the period from the database', async () => {
      const answered = await service.requestCallback(webRequest(world.payer)) // due Monday 12:00
      await service.requestCallback(webRequest(world.receiver, { language: 'es', topic: 'license' }))
      await service.claim(answered.callback.id, world.repBilingual)
      clock.set('2026-01-05T18:30:00.000Z')
      await service.recordAttempt(answered.callback.id, world.repBilingual, 'resolved')
      const figures = await service.supervisorFigures({ from: '2026-01-05', to: '2026-01-05' }, new Date('2026-01-07T00:00:00Z'))
      expect(figures.overall).toMatchObject({ requested: 2, judged: 2, completedWithinDue: 1, shareCompletedWithinDue: 0.5, attempted: 1, medianMinutesToFirstAttempt: 90 })
      expect(figures.byLanguage.es).toMatchObject({ requested: 1, completedWithinDue: 0 })
      expect((await service.supervisorFigures({ from: '2026-01-06', to: '2026-01-09' })).overall.requested).toBe(0)
      await expect(service.supervisorFigures({ from: '2026-01-09', to: '2026-01-05' })).rejects.toBeInstanceOf(CallbackValidationError)
    })
  })

  it('says whether the office is open, and why not', () => {
    expect(service.officeStatus(new Date('2026-01-19T19:00:00Z'))).toEqual({
      open: false,
      nextOpenAt: new Date('2026-01-20T16:00:00Z'),
      closureToday: { reason: 'holiday', holiday: { name: 'martin_luther_king_jr_day', date: '2026-01-19', actualDate: '2026-01-19' } },
    })
    expect(service.officeStatus(new Date(mondayNine))).toMatchObject({ open: true, closureToday: null })
  })
})
