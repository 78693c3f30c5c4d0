import { createIdentityService } from '../../server/identity/identityService'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent, addStaff, movableClock } from './identityFixtures'

// Guesses sent all at once must each be counted: checking a secret takes a slow hash, and a counter that is read
// before it and written after it loses all but a few of them. Fifty wrong guesses at once, then the right secret
// is refused, on whichever dialect the run uses (TEST_POSTGRES_URL set: PostgreSQL).

const guesses = 50
const dialect = postgresAdminUrl ? 'postgresql' : 'sqlite'

describe(`${guesses} wrong guesses at once (${dialect})`, () => {
  let database: TestDatabase
  let identity: ReturnType<typeof createIdentityService>
  let parentId: number
  let otherParentId: number
  let staffId: number

  beforeAll(async () => {
    database = await createTestDatabase()
    const caseId = await addCase(database, '340000000077')
    parentId = await addParent(
      database,
      { parId: '4000000077', ssnLast4: '7777', dateOfBirth: '1981-07-07', caseId, role: 'paying' },
      { username: 'burst.target', password: 'Correct-Horse-77', pin: '482915' },
    )
    otherParentId = await addParent(
      database,
      { parId: '4000000078', ssnLast4: '7878', dateOfBirth: '1983-08-08', caseId, role: 'receiving' },
      { username: 'other.parent', password: 'Battery-Staple-78', pin: '739164' },
    )
    staffId = await addStaff(database, 'rep.burst', 'Rep-Password-123')
  })
  afterAll(() => database.close())

  beforeEach(async () => {
    identity = createIdentityService({ db: database.db, clock: movableClock('2026-05-04T16:00:00Z') })
    await database.db.updateTable('accounts').set({ failed_attempts: 0, locked_until: null }).execute()
    await database.db.updateTable('staff').set({ failed_attempts: 0, locked_until: null }).execute()
  })

  const failuresOf = async (participantId: number) =>
    (await database.db.selectFrom('accounts').select('failed_attempts').where('participant_id', '=', participantId).executeTakeFirstOrThrow())
      .failed_attempts

  const report = (kind: string, count: number) =>
    process.stdout.write(`concurrent guesses (${dialect}) ${kind}: ${guesses} sent at once, failed_attempts after = ${count}\n`)

  it('web sign-in: every wrong password counts, then the right one is refused', async () => {
    const results = await Promise.all(
      Array.from({ length: guesses }, (_, i) => identity.signInWithPassword('burst.target', `wrong-password-${i}`)),
    )
    expect(results.every((r) => r.outcome !== 'signed_in')).toBe(true)
    const count = await failuresOf(parentId)
    report('web password', count)
    expect(count).toBe(guesses)
    expect(await identity.signInWithPassword('burst.target', 'Correct-Horse-77')).toMatchObject({ outcome: 'locked' })
  })

  it('phone PIN: every wrong PIN counts, then the right one is refused on the phone and the web', async () => {
    const results = await Promise.all(
      Array.from({ length: guesses }, (_, i) => identity.signInWithPin('4000000077', String(100000 + i * 7919))),
    )
    expect(results.every((r) => r.outcome !== 'signed_in')).toBe(true)
    const count = await failuresOf(parentId)
    report('phone PIN', count)
    expect(count).toBe(guesses)
    expect(await identity.signInWithPin('4000000077', '482915')).toMatchObject({ outcome: 'locked' })
    expect(await identity.signInWithPassword('burst.target', 'Correct-Horse-77')).toMatchObject({ outcome: 'locked' })
  })

  it('staff sign-in: every wrong password counts, then the right one is refused', async () => {
    await Promise.all(Array.from({ length: guesses }, (_, i) => identity.signInStaff('rep.burst', `wrong-${i}`)))
    const { failed_attempts: count } = await database.db
      .selectFrom('staff').select('failed_attempts').where('id', '=', staffId).executeTakeFirstOrThrow()
    report('staff password', count)
    expect(count).toBe(guesses)
    expect(await identity.signInStaff('rep.burst', 'Rep-Password-123')).toMatchObject({ outcome: 'locked' })
  })

  it('reset facts: every wrong guess is counted in the notice to the parent it names, and locks nobody', async () => {
    // The refusal of the right facts after a burst is the channel's throttle: see attemptLimits.test.ts.
    const wrong = (i: number) => ({ identifier: '4000000078', ssnLast4: String(1000 + i), dateOfBirth: '1983-08-08' })
    const results = await Promise.all(
      Array.from({ length: guesses }, (_, i) => identity.setCredentials(wrong(i), { password: 'Guessing-Passphrase-1' })),
    )
    expect(results.every((r) => r.outcome === 'rejected')).toBe(true)
    const notice = await database.db
      .selectFrom('security_notices').select('attempts').where('participant_id', '=', otherParentId).where('seen_at', 'is', null)
      .executeTakeFirstOrThrow()
    report('reset facts (notice to the parent named)', notice.attempts)
    expect(notice.attempts).toBe(guesses)
    expect(await failuresOf(otherParentId)).toBe(0)
    expect(await identity.signInWithPassword('other.parent', 'Battery-Staple-78')).toMatchObject({ outcome: 'signed_in' })
  })
})
