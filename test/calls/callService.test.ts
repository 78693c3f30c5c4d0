import { createCallService } from '../../server/calls/callService'
import { assertNoSecrets, outcomeAtEnd, SecretInCallStateError } from '../../server/calls/phoneCall'
import type { Clock } from '../../server/clock'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

// The phone-call record: one per CallSid, a path that only grows, an outcome that a status callback settles once.

function movableClock(start: string): Clock & { advanceSeconds(seconds: number): void } {
  let now = new Date(start)
  return { now: () => new Date(now), advanceSeconds: (s) => (now = new Date(now.getTime() + s * 1000)) }
}

const sid = (n: number) => `CA${String(n).padStart(32, '0')}`

let database: TestDatabase
let clock: ReturnType<typeof movableClock>
let calls: ReturnType<typeof createCallService>
let participantId: number

beforeAll(async () => {
  database = await createTestDatabase()
  clock = movableClock('2025-11-24T18:00:00.000Z')
  calls = createCallService({ db: database.db, clock })
  const stamp = '2025-01-01T00:00:00.000Z'
  const { id } = await database.db
    .insertInto('participants')
    .values({ par_id: '4019999901', first_name: 'A', last_name: 'B', date_of_birth: '1990-01-01', ssn_hmac: 'h', ssn_last4: '0001', language: 'en', created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow()
  await database.db
    .insertInto('cases')
    .values({ case_number: '340000009999', county: 'Sacramento', status: 'open', assistance_status: 'never', processing_stage: 'enforcement', caseworker_name: 'W', office_code: 'SAC', opened_on: '2020-01-01', created_at: stamp })
    .execute()
  participantId = id
})
afterAll(() => database.close())

describe('the call service', () => {
  it('creates one record per CallSid, however many webhooks arrive', async () => {
    const first = await calls.answer(sid(1), { fromNumber: '+19165550101', language: 'en' })
    const again = await calls.answer(sid(1), { fromNumber: '+19165550999', language: 'es' })
    expect(again).toEqual(first)
    expect(first).toMatchObject({ fromNumber: '+19165550101', language: 'en', identified: false, path: [], outcome: 'in_progress', heardAnswer: false, flow: null, endedAt: null })
    expect(await database.db.selectFrom('calls').select('call_sid').where('call_sid', '=', sid(1)).execute()).toHaveLength(1)
  })

  it("gives the incoming call's webhook (expecting a new call) the same record as a read would, in one statement", async () => {
    const statements: string[] = []
    const counted = database.db.withPlugin({
      transformQuery: (args) => (statements.push(args.node.kind), args.node),
      transformResult: async (args) => args.result,
    })
    const counting = createCallService({ db: counted, clock })
    const first = await counting.answer(sid(7), { fromNumber: '+19165550107', language: 'en' }, 'new')
    expect(statements).toEqual(['InsertQueryNode'])
    expect(first).toEqual(await calls.find(sid(7)))
    expect(first).toMatchObject({ callSid: sid(7), fromNumber: '+19165550107', language: 'en', identified: false, path: [], outcome: 'in_progress', heardAnswer: false, flow: null, endedAt: null })
    // The same webhook again (Twilio retries), or a later one: the record as it stands, unchanged.
    const recorded = await calls.record(first, { reachedSteps: ['welcome'], flow: { awaiting: 'welcome' } })
    expect(await counting.answer(sid(7), { fromNumber: '+19165550999', language: 'es' }, 'new')).toEqual(recorded)
    expect(await counting.answer(sid(7), { fromNumber: '+19165550999', language: 'es' })).toEqual(recorded)
    expect(await database.db.selectFrom('calls').select('call_sid').where('call_sid', '=', sid(7)).execute()).toHaveLength(1)
  })

  it('records each turn: path appended, language, identification, flow state', async () => {
    let call = await calls.answer(sid(2), { fromNumber: null, language: 'en' })
    call = await calls.record(call, { reachedSteps: ['welcome'], flow: { awaiting: 'welcome' } })
    call = await calls.record(call, { reachedSteps: ['identify'], language: 'es', flow: { awaiting: 'identify' } })
    call = await calls.record(call, { reachedSteps: ['pin', 'mainMenu'], participantId, heardAnswer: true })
    expect(await calls.find(sid(2))).toEqual(call)
    expect(call).toMatchObject({ path: ['welcome', 'identify', 'pin', 'mainMenu'], language: 'es', participantId, identified: true, heardAnswer: true, flow: { awaiting: 'identify' } })
    // Starting over does not make an identified call unidentified for the figures.
    call = await calls.record(call, { participantId: null, heardAnswer: false })
    expect(call).toMatchObject({ identified: true, heardAnswer: true })
  })

  it('ends a call once, with the reported length, and settles the outcome', async () => {
    const call = await calls.answer(sid(3), { fromNumber: null, language: 'en' })
    await calls.record(call, { heardAnswer: true })
    clock.advanceSeconds(30)
    const ended = await calls.end(sid(3), { durationSeconds: 27 })
    expect(ended).toMatchObject({ outcome: 'resolved_by_phone', durationSeconds: 27, endedAt: '2025-11-24T18:00:30.000Z' })
    clock.advanceSeconds(30)
    expect(await calls.end(sid(3), { durationSeconds: 99 })).toEqual(ended)
    // A late turn cannot reopen or change how it ended.
    const late = await calls.record(ended!, { outcome: 'transferred' })
    expect(late.outcome).toBe('resolved_by_phone')
  })

  it('measures the length itself when Twilio does not report it', async () => {
    await calls.answer(sid(4), { fromNumber: null, language: 'en' })
    clock.advanceSeconds(61)
    expect(await calls.end(sid(4), { durationSeconds: null })).toMatchObject({ durationSeconds: 61, outcome: 'abandoned' })
    expect(await calls.end(sid(5), { durationSeconds: 1 })).toBeUndefined()
  })

  it('keeps an outcome the flow set', async () => {
    const call = await calls.answer(sid(6), { fromNumber: null, language: 'en' })
    await calls.record(call, { outcome: 'callback_requested' })
    expect(await calls.end(sid(6), { durationSeconds: 10 })).toMatchObject({ outcome: 'callback_requested' })
  })

  it('turns keyed digits into a reference and back, so the digits need not be stored', async () => {
    const byParId = await calls.referenceForKeyedIdentifier('4019999901')
    expect(byParId).toEqual({ kind: 'participant', id: participantId })
    expect(await calls.identifierFor(byParId)).toBe('4019999901')
    const byCase = await calls.referenceForKeyedIdentifier('3400-0000-9999')
    expect(byCase.kind).toBe('case')
    expect(await calls.identifierFor(byCase)).toBe('340000009999')
    expect(await calls.referenceForKeyedIdentifier('123')).toEqual({ kind: 'none' })
    expect(await calls.identifierFor({ kind: 'none' })).toBe('')
  })
})

describe('call rules', () => {
  it.each([
    [{ outcome: 'in_progress', heardAnswer: true }, 'resolved_by_phone'],
    [{ outcome: 'in_progress', heardAnswer: false }, 'abandoned'],
    [{ outcome: 'transferred', heardAnswer: false }, 'transferred'],
    [{ outcome: 'callback_requested', heardAnswer: true }, 'callback_requested'],
  ] as const)('%o ends as %s', (call, outcome) => {
    expect(outcomeAtEnd(call)).toBe(outcome)
  })

  it('finds secrets at any depth of the state', () => {
    expect(() => assertNoSecrets({ a: [{ b: { PIN: '1' } }] })).toThrow(SecretInCallStateError)
    expect(() => assertNoSecrets({ parId: '1' })).toThrow(SecretInCallStateError)
    expect(() => assertNoSecrets({ awaiting: 'pin', caseId: 3, callback: { phone: '+19165550101' } })).not.toThrow()
  })
})
