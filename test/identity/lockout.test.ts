import { accountRepository } from '../../server/identity/accountRepository'
import { passwordProblem, pinProblem, usernameProblem } from '../../server/identity/credentialRules'
import { isLocked, lockoutMinutes, maxConsecutiveFailures } from '../../server/identity/lockout'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent } from './identityFixtures'

const at = (iso: string) => new Date(iso)

// The counter's rules, as the database applies them (the same statements on SQLite and PostgreSQL).
describe('lockout counter', () => {
  let database: TestDatabase
  let participantId: number
  let accounts: ReturnType<typeof accountRepository>

  beforeAll(async () => {
    database = await createTestDatabase()
    const caseId = await addCase(database, '340000000009')
    participantId = await addParent(
      database,
      { parId: '4000000009', ssnLast4: '9999', dateOfBirth: '1980-01-01', caseId, role: 'paying' },
      { username: 'lock.test', password: 'Correct-Horse-1' },
    )
    accounts = accountRepository(database.db)
  })
  afterAll(() => database.close())
  beforeEach(() => database.db.updateTable('accounts').set({ failed_attempts: 0, locked_until: null }).execute())

  it('locks on the fifth consecutive failure for thirty minutes, and keeps counting without extending the lock', async () => {
    for (let i = 1; i < maxConsecutiveFailures; i++) {
      expect(await accounts.recordFailure(participantId, at('2026-05-01T10:00:00Z'))).toEqual({ failedAttempts: i, lockedUntil: null })
    }
    const locked = await accounts.recordFailure(participantId, at('2026-05-01T10:00:00Z'))
    expect(locked).toEqual({ failedAttempts: 5, lockedUntil: '2026-05-01T10:30:00.000Z' })
    expect(lockoutMinutes).toBe(30)
    expect(isLocked(locked, at('2026-05-01T10:29:59Z'))).toBe(true)
    expect(isLocked(locked, at('2026-05-01T10:30:00Z'))).toBe(false)
    expect(await accounts.recordFailure(participantId, at('2026-05-01T10:20:00Z'))).toEqual({
      failedAttempts: 6, lockedUntil: '2026-05-01T10:30:00.000Z',
    })
  })

  it('starts a fresh count once a lock has run out', async () => {
    await database.db.updateTable('accounts').set({ failed_attempts: 5, locked_until: '2026-05-01T10:30:00.000Z' }).execute()
    expect(await accounts.recordFailure(participantId, at('2026-05-01T11:00:00Z'))).toEqual({ failedAttempts: 1, lockedUntil: null })
  })

  it('lets a success take away only the failures it saw, and refuses it while locked', async () => {
    for (let i = 0; i < 3; i++) await accounts.recordFailure(participantId, at('2026-05-01T10:00:00Z'))
    // This success read the row when it held 2 failures; the third raced with it and stays counted.
    expect(await accounts.recordSuccess(participantId, 2, at('2026-05-01T10:00:01Z'))).toBe(true)
    expect(await accounts.lockoutOf(participantId)).toEqual({ failedAttempts: 1, lockedUntil: null })
    for (let i = 0; i < 4; i++) await accounts.recordFailure(participantId, at('2026-05-01T10:00:02Z'))
    expect(await accounts.recordSuccess(participantId, 0, at('2026-05-01T10:00:03Z'))).toBe(false)
    expect(await accounts.lockoutOf(participantId)).toMatchObject({ failedAttempts: 5, lockedUntil: '2026-05-01T10:30:02.000Z' })
    expect(await accounts.recordSuccess(participantId, 5, at('2026-05-01T10:31:00Z'))).toBe(true)
    expect(await accounts.lockoutOf(participantId)).toEqual({ failedAttempts: 0, lockedUntil: null })
  })
})

describe('credential rules', () => {
  it.each([
    ['short', 'identity:errors.passwordTooShort'],
    ['a'.repeat(129), 'identity:errors.passwordTooLong'],
    ['aaaaaaaaaaaaaa', 'identity:errors.passwordTooSimple'],
    ['Harbor-Maple-4821', null],
  ])('password %s → %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem)
  })

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('marcus.hill-is-me', 'Marcus.Hill')).toBe('identity:errors.passwordHasUsername')
  })

  it.each([
    ['1234', 'identity:errors.pinFormat'],
    ['12a456', 'identity:errors.pinFormat'],
    ['111111', 'identity:errors.pinTooSimple'],
    ['123456', 'identity:errors.pinTooSimple'],
    ['654321', 'identity:errors.pinTooSimple'],
    ['482915', null],
  ])('PIN %s → %s', (pin, problem) => {
    expect(pinProblem(pin)).toBe(problem)
  })

  it.each([
    ['ab', 'identity:errors.usernameFormat'],
    ['has space', 'identity:errors.usernameFormat'],
    ['marcus.hill', null],
  ])('username %s → %s', (username, problem) => {
    expect(usernameProblem(username)).toBe(problem)
  })
})
