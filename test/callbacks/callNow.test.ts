import { createAuditTrail } from '../../server/audit/auditTrail'
import {
  callNowAuditAction,
  type CallNowService,
  createCallNowService,
  OutboundCallFailed,
  type OutboundCallRequest,
  type OutboundCalls,
} from '../../server/callbacks/callNow'
import type { CallbackService } from '../../server/callbacks/callbackService'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { type CallbackWorld, callbackServiceOn, seedCallbackWorld, settableClock } from './callbackFixtures'

const dialectName = process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'
// Monday 5 January 2026, 9:00 Pacific.
const mondayNine = '2026-01-05T17:00:00.000Z'
const repPhone = '+19165550171'
const parentPhone = '+19165550150'
const callerId = '+19165550199'
const connectUrl = (callbackId: number, staffId: number) => `https://portal.example/ivr/outbound/connect/${callbackId}/${staffId}`

/** An OutboundCalls that records each request and answers with a CallSid, or fails as told. */
function recordingCalls(): OutboundCalls & { placed: OutboundCallRequest[]; failWith: unknown } {
  const fake = {
    placed: [] as OutboundCallRequest[],
    failWith: undefined as unknown,
    async placeCall(request: OutboundCallRequest) {
      fake.placed.push(request)
      if (fake.failWith) throw fake.failWith
      return { callSid: 'CA' + String(fake.placed.length).padStart(32, '0') }
    },
  }
  return fake
}

describe(`Call now (${dialectName})`, () => {
  let database: TestDatabase
  let world: CallbackWorld
  const clock = settableClock(mondayNine)
  let callbacks: CallbackService
  let outbound: ReturnType<typeof recordingCalls>
  let callNow: CallNowService

  const serviceWith = (outboundCalls: OutboundCalls | null) =>
    createCallNowService({ db: database.db, clock, callbacks, outboundCalls, callerId, connectUrl })

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await seedCallbackWorld(database)
    callbacks = callbackServiceOn(database, clock)
    // The bilingual representative has a phone; the English-only one has none.
    await database.db.updateTable('staff').set({ phone: repPhone }).where('id', '=', world.repBilingual).execute()
  })
  afterAll(() => database.close())
  beforeEach(async () => {
    outbound = recordingCalls()
    callNow = serviceWith(outbound)
    await database.db.deleteFrom('audit_events').execute()
    await database.db.deleteFrom('callback_attempts').execute()
    await database.db.deleteFrom('callbacks').execute()
  })

  const fileRequest = async (language: 'en' | 'es' = 'es') =>
    (
      await callbacks.requestCallback({
        principal: { kind: 'parent', participantId: world.payer },
        caseId: world.caseA,
        phone: '916-555-0150',
        language,
        topic: 'payments',
        preferredWindow: 'morning',
        channel: 'web',
      })
    ).callback
  const claimedBy = async (staffId: number, language: 'en' | 'es' = 'es') => {
    const callback = await fileRequest(language)
    expect((await callbacks.claim(callback.id, staffId)).ok).toBe(true)
    return callback
  }
  const auditRows = () => createAuditTrail(database.db, clock).caseAuditTrail(world.caseA)

  describe('placeCallNow', () => {
    it("rings the representative's phone from the agency's number, with the connect webhook, and audits it", async () => {
      const callback = await claimedBy(world.repBilingual)
      const result = await callNow.placeCallNow(callback.id, world.repBilingual)
      expect(result).toEqual({
        ok: true,
        callSid: 'CA' + '1'.padStart(32, '0'),
        confirmationCode: callback.confirmationCode,
        messageKey: 'callNow:placed',
      })
      expect(outbound.placed).toEqual([{ to: repPhone, from: callerId, url: connectUrl(callback.id, world.repBilingual) }])

      const audit = await auditRows()
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({
        actor: { kind: 'staff', id: world.repBilingual },
        caseId: world.caseA,
        channel: 'console',
        action: callNowAuditAction,
        details: { callbackId: callback.id, callSid: 'CA' + '1'.padStart(32, '0') },
      })
      expect(JSON.stringify(audit[0]!.details)).not.toMatch(/\+1916|916555/)
    })

    it.each([
      ['a request nobody has claimed', 'open', 'not_claimed_by_you', 'callNow:errors.notClaimedByYou'],
      ["another representative's claim", 'other', 'not_claimed_by_you', 'callNow:errors.notClaimedByYou'],
      ['a closed request', 'closed', 'closed', 'callbacks:errors.closed'],
    ] as const)('refuses %s and dials nothing', async (_name, state, reason, messageKey) => {
      const callback = await fileRequest()
      if (state === 'other') await callbacks.claim(callback.id, world.repEnglish)
      if (state === 'closed') {
        await callbacks.claim(callback.id, world.repBilingual)
        await callbacks.recordAttempt(callback.id, world.repBilingual, 'resolved')
      }
      expect(await callNow.placeCallNow(callback.id, world.repBilingual)).toEqual({ ok: false, reason, messageKey })
      expect(outbound.placed).toEqual([])
      expect(await auditRows()).toEqual([])
    })

    it('refuses a request that does not exist', async () => {
      expect(await callNow.placeCallNow(999_999, world.repBilingual)).toEqual({
        ok: false,
        reason: 'not_found',
        messageKey: 'callbacks:errors.notFound',
      })
      expect(outbound.placed).toEqual([])
    })

    it('refuses when outbound calling is not configured', async () => {
      const callback = await claimedBy(world.repBilingual)
      expect(await serviceWith(null).placeCallNow(callback.id, world.repBilingual)).toEqual({
        ok: false,
        reason: 'not_configured',
        messageKey: 'callNow:errors.notConfigured',
      })
    })

    it('refuses a representative with no phone number, or one that is not E.164', async () => {
      const callback = await claimedBy(world.repEnglish, 'en')
      expect(await callNow.placeCallNow(callback.id, world.repEnglish)).toEqual({
        ok: false,
        reason: 'no_staff_phone',
        messageKey: 'callNow:errors.noStaffPhone',
      })
      await database.db.updateTable('staff').set({ phone: '916 555 0172' }).where('id', '=', world.repEnglish).execute()
      try {
        expect(await callNow.placeCallNow(callback.id, world.repEnglish)).toMatchObject({ ok: false, reason: 'no_staff_phone' })
      } finally {
        await database.db.updateTable('staff').set({ phone: null }).where('id', '=', world.repEnglish).execute()
      }
      expect(outbound.placed).toEqual([])
    })

    it("reports the adapter's failure with only its status and code, and audits nothing", async () => {
      const callback = await claimedBy(world.repBilingual)
      outbound.failWith = new OutboundCallFailed(400, 21211)
      expect(await callNow.placeCallNow(callback.id, world.repBilingual)).toEqual({
        ok: false,
        reason: 'adapter_failed',
        messageKey: 'callNow:errors.adapterFailed',
        failure: { status: 400, providerCode: 21211 },
      })
      outbound.failWith = new Error(`cannot call ${repPhone}`)
      const unexpected = await callNow.placeCallNow(callback.id, world.repBilingual)
      expect(unexpected).toEqual({
        ok: false,
        reason: 'adapter_failed',
        messageKey: 'callNow:errors.adapterFailed',
        failure: { status: null, providerCode: null },
      })
      expect(JSON.stringify(unexpected)).not.toContain(repPhone)
      expect(await auditRows()).toEqual([])
      // The request stays claimed: the representative can try again.
      expect((await callbacks.callbackForStaff(callback.id))?.callback.status).toBe('claimed')
    })
  })

  describe('connectInstructions', () => {
    it("gives the parent's phone and the code while the caller still holds the claim, in the request's language", async () => {
      const callback = await claimedBy(world.repBilingual, 'es')
      expect(await callNow.connectInstructions(callback.id, world.repBilingual)).toEqual({
        ok: true,
        parentPhone,
        confirmationCode: callback.confirmationCode,
        language: 'es',
      })
    })

    it("speaks to a representative who does not speak the request's language in one they do", async () => {
      const callback = await claimedBy(world.repEnglish, 'es')
      expect(await callNow.connectInstructions(callback.id, world.repEnglish)).toMatchObject({ ok: true, language: 'en' })
    })

    it('refuses once the claim is released or taken by someone else', async () => {
      const callback = await claimedBy(world.repBilingual, 'es')
      await callbacks.release(callback.id, world.repBilingual)
      expect(await callNow.connectInstructions(callback.id, world.repBilingual)).toEqual({
        ok: false,
        reason: 'not_claimed_by_you',
        language: 'es',
      })
      await callbacks.claim(callback.id, world.repEnglish)
      expect(await callNow.connectInstructions(callback.id, world.repBilingual)).toMatchObject({ ok: false, reason: 'not_claimed_by_you' })
      expect(await callNow.connectInstructions(999_999, world.repBilingual)).toEqual({ ok: false, reason: 'not_found', language: 'en' })
    })
  })
})
