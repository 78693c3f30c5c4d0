import { createSignatureReplayStore, signatureKeptMs } from '../../server/calls/signatureReplays'
import type { Clock } from '../../server/clock'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

// The phone line's replay store: a signature is accepted once until it expires, and of many identical requests at
// once exactly one wins, on SQLite and on PostgreSQL.

let now = new Date('2025-11-24T18:00:00.000Z')
const clock: Clock = { now: () => new Date(now) }
let database: TestDatabase
let store: ReturnType<typeof createSignatureReplayStore>

beforeAll(async () => {
  database = await createTestDatabase()
  store = createSignatureReplayStore({ db: database.db, clock })
})
afterAll(() => database.close())

describe(`the signature replay store (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('accepts a signature once, then refuses it until it expires, and keeps no signature in clear', async () => {
    expect(await store.firstUse('sig-one=')).toBe(true)
    expect(await store.firstUse('sig-one=')).toBe(false)
    expect(await store.firstUse('sig-two=')).toBe(true)
    now = new Date(now.getTime() + signatureKeptMs - 1000)
    expect(await store.firstUse('sig-one=')).toBe(false)
    now = new Date(now.getTime() + 1000)
    expect(await store.firstUse('sig-one=')).toBe(true)
    expect(await store.firstUse('sig-one=')).toBe(false)
    const digests = (await database.db.selectFrom('twilio_signatures').select('digest').execute()).map((r) => r.digest)
    expect(digests.every((d) => /^[0-9a-f]{64}$/.test(d))).toBe(true)
  })

  it('lets exactly one of 50 identical requests at once through', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => store.firstUse('sig-raced=')))
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it('clears expired signatures now and then, so the table does not grow without end', async () => {
    for (let i = 0; i < 200; i++) await store.firstUse(`old-${i}`)
    now = new Date(now.getTime() + signatureKeptMs + 1000)
    for (let i = 0; i < 200; i++) await store.firstUse(`new-${i}`)
    const left = await database.db.selectFrom('twilio_signatures').select('digest').where('expires_at', '<=', now.toISOString()).execute()
    expect(left.length).toBeLessThan(200)
  })
})
