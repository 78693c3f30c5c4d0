import { randomBytes } from 'node:crypto'

import { type AttemptLimits, createAttemptLimits } from '../../server/rateLimits/attemptLimits'
import { defaultRateLimits, type RateLimitSettings } from '../../server/rateLimits/limits'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

// The attempt limits count together wherever they are stored: two limiters over one store (as two app processes
// would have) let through exactly the limit of attempts sent at once, and no more. The database store runs on
// SQLite, and on PostgreSQL in CI's second pass; the Redis store runs when TEST_REDIS_URL is set (.ci/run sets it).
// A Redis that cannot be reached still limits, in the process's memory, and never turns an attempt into an error.

const redisUrl = process.env.TEST_REDIS_URL
const settings: RateLimitSettings = { ...defaultRateLimits, signInAccount: { attempts: 10, seconds: 60 } }

type Store = 'database' | 'redis'
const stores: Store[] = redisUrl ? ['database', 'redis'] : ['database']

describe.each(stores)('attempt limits kept in the %s', (store) => {
  let database: TestDatabase
  let limiters: AttemptLimits[]

  beforeAll(async () => {
    database = await createTestDatabase()
    const make = () => createAttemptLimits({ settings, db: database.db, native: database.native, redisUrl: store === 'redis' ? redisUrl! : null })
    limiters = [make(), make()]
    for (const limiter of limiters) expect(await limiter.connected(5_000)).toBe(true)
  })
  afterAll(async () => {
    await Promise.all(limiters.map((limiter) => limiter.close()))
    await database.close()
  })

  it('lets exactly the limit through when thirty attempts arrive at once through two limiters', async () => {
    expect(limiters[0]!.store).toBe(store === 'redis' ? 'redis' : database.dialect)
    // A key of its own: a Redis shared with earlier runs holds their counts for a minute.
    const account = `parent-${randomBytes(6).toString('hex')}`
    const verdicts = await Promise.all(Array.from({ length: 30 }, (_, i) => limiters[i % 2]!.attempt([{ limit: 'signInAccount', key: account }])))
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10)
    const refused = verdicts.find((verdict) => !verdict.allowed)
    expect(refused).toMatchObject({ allowed: false, limit: 'signInAccount' })
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0)
    // Someone else is not held back by it.
    expect(await limiters[1]!.attempt([{ limit: 'signInAccount', key: `${account}-other` }])).toEqual({ allowed: true })
  })
})

describe('attempt limits when Redis cannot be reached', () => {
  let database: TestDatabase
  let limiter: AttemptLimits
  beforeAll(async () => {
    database = await createTestDatabase()
    // Port 1 on this host: nothing listens, every command fails at once.
    limiter = createAttemptLimits({ settings, db: database.db, native: database.native, redisUrl: 'redis://127.0.0.1:1' })
  })
  afterAll(async () => {
    await limiter.close()
    await database.close()
  })

  it('still limits, in memory, and answers every attempt', async () => {
    expect(limiter.store).toBe('redis')
    expect(await limiter.connected(200)).toBe(false)
    const verdicts = []
    for (let i = 0; i < 12; i++) verdicts.push(await limiter.attempt([{ limit: 'signInAccount', key: 'someone' }]))
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10)
  })
})
