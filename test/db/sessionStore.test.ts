import type { SessionData } from 'express-session'

import { fixedClock } from '../../server/clock'
import { DatabaseSessionStore } from '../../server/db/sessionStore'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

const promisify =
  <T>(call: (done: (error: unknown, value?: T) => void) => void) =>
  () =>
    new Promise<T | undefined>((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))))

function sessionExpiring(at: string, extra: Record<string, unknown> = {}): SessionData {
  return { cookie: { originalMaxAge: 900_000, expires: new Date(at) }, ...extra } as unknown as SessionData
}

describe('DatabaseSessionStore', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.close())

  it('saves, reads, replaces and destroys a session', async () => {
    const store = new DatabaseSessionStore(database.db, fixedClock('2026-03-01T12:00:00Z'))
    await promisify<void>((done) => store.set('sid-1', sessionExpiring('2026-03-01T12:15:00Z', { n: 1 }), done))()
    expect(await promisify<SessionData | null>((done) => store.get('sid-1', done))()).toMatchObject({ n: 1 })
    await promisify<void>((done) => store.set('sid-1', sessionExpiring('2026-03-01T12:15:00Z', { n: 2 }), done))()
    expect(await promisify<SessionData | null>((done) => store.get('sid-1', done))()).toMatchObject({ n: 2 })
    await promisify<void>((done) => store.destroy('sid-1', done))()
    expect(await promisify<SessionData | null>((done) => store.get('sid-1', done))()).toBeNull()
  })

  it('treats a session idle past its lifetime (and the short grace) as absent', async () => {
    const store = new DatabaseSessionStore(database.db, fixedClock('2026-03-01T12:00:00Z'))
    await promisify<void>((done) => store.set('sid-2', sessionExpiring('2026-03-01T12:15:00Z'), done))()
    const later = new DatabaseSessionStore(database.db, fixedClock('2026-03-01T12:20:01Z'))
    expect(await promisify<SessionData | null>((done) => later.get('sid-2', done))()).toBeNull()
  })

  it('touch extends the expiry', async () => {
    const store = new DatabaseSessionStore(database.db, fixedClock('2026-03-01T12:00:00Z'))
    await promisify<void>((done) => store.set('sid-3', sessionExpiring('2026-03-01T12:15:00Z'), done))()
    const touching = new DatabaseSessionStore(database.db, fixedClock('2026-03-01T12:10:00Z'))
    await promisify<void>((done) => touching.touch('sid-3', sessionExpiring('2026-03-01T12:25:00Z'), done))()
    const later = new DatabaseSessionStore(database.db, fixedClock('2026-03-01T12:29:00Z'))
    expect(await promisify<SessionData | null>((done) => later.get('sid-3', done))()).not.toBeNull()
  })

  it('skips a touch that would move the expiry by less than a minute, and writes one that moves it more', async () => {
    let now = new Date('2026-03-01T12:00:00Z')
    const store = new DatabaseSessionStore(database.db, { now: () => now })
    const expiryOf = async () =>
      (await database.db.selectFrom('sessions').select('expires_at').where('sid', '=', 'sid-4').executeTakeFirstOrThrow()).expires_at
    await promisify<void>((done) => store.set('sid-4', sessionExpiring('2026-03-01T12:15:00Z'), done))()
    const written = await expiryOf()
    now = new Date('2026-03-01T12:00:59Z')
    await promisify<void>((done) => store.touch('sid-4', sessionExpiring('2026-03-01T12:15:59Z'), done))()
    expect(await expiryOf()).toBe(written)
    now = new Date('2026-03-01T12:01:00Z')
    await promisify<void>((done) => store.touch('sid-4', sessionExpiring('2026-03-01T12:16:00Z'), done))()
    expect(await expiryOf()).toBe('2026-03-01T12:21:00.000Z')
  })

  // express-session holds the response until the store answers: a path that never calls back is a request that
  // never ends (issue 11).
  it('answers a damaged row as no session', async () => {
    const store = new DatabaseSessionStore(database.db, fixedClock('2026-03-01T12:00:00Z'))
    await database.db.insertInto('sessions').values({ sid: 'sid-damaged', sess: '{not json', expires_at: '2026-03-01T13:00:00.000Z' }).execute()
    expect(await promisify<SessionData | null>((done) => store.get('sid-damaged', done))()).toBeNull()
  })

  it('answers every call with an error when the work throws, before or after the query', async () => {
    const brokenClock = { now: (): Date => { throw new Error('clock broke') } }
    const store = new DatabaseSessionStore(database.db, brokenClock)
    await database.db.insertInto('sessions').values({ sid: 'sid-clock', sess: '{}', expires_at: '2026-03-01T13:00:00.000Z' }).execute()
    await expect(promisify<SessionData | null>((done) => store.get('sid-clock', done))()).rejects.toThrow('clock broke')
    await expect(promisify<void>((done) => store.set('sid-clock', sessionExpiring('2026-03-01T12:15:00Z'), done))()).rejects.toThrow('clock broke')
    await expect(promisify<void>((done) => store.touch('sid-clock', sessionExpiring('2026-03-01T12:15:00Z'), done))()).rejects.toThrow('clock broke')
  })

  it('answers every call with an error when the database fails, and only once', async () => {
    const closed = await createTestDatabase()
    await closed.close()
    const store = new DatabaseSessionStore(closed.db, fixedClock('2026-03-01T12:00:00Z'))
    const calls: unknown[] = []
    await new Promise<void>((resolve) => store.get('sid-x', (error) => (calls.push(error), resolve())))
    await new Promise<void>((resolve) => store.set('sid-x', sessionExpiring('2026-03-01T12:15:00Z'), (error) => (calls.push(error), resolve())))
    await new Promise<void>((resolve) => store.touch('sid-x', sessionExpiring('2026-03-01T12:15:00Z'), (error) => (calls.push(error), resolve())))
    await new Promise<void>((resolve) => store.destroy('sid-x', (error) => (calls.push(error), resolve())))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(calls).toHaveLength(4)
    for (const error of calls) expect(error).toBeInstanceOf(Error)
  })
})
