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
})
