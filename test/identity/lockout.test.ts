import { afterFailure, afterSuccess, isLocked, lockoutMinutes, maxConsecutiveFailures } from '../../server/identity/lockout'
import { passwordProblem, pinProblem, usernameProblem } from '../../server/identity/credentialRules'

const at = (iso: string) => new Date(iso)

describe('lockout', () => {
  it('locks on the fifth consecutive failure for thirty minutes', () => {
    let state = afterSuccess
    for (let i = 1; i < maxConsecutiveFailures; i++) {
      state = afterFailure(state, at('2026-05-01T10:00:00Z'))
      expect(state).toEqual({ failedAttempts: i, lockedUntil: null })
    }
    state = afterFailure(state, at('2026-05-01T10:00:00Z'))
    expect(state.lockedUntil).toBe('2026-05-01T10:30:00.000Z')
    expect(lockoutMinutes).toBe(30)
    expect(isLocked(state, at('2026-05-01T10:29:59Z'))).toBe(true)
    expect(isLocked(state, at('2026-05-01T10:30:00Z'))).toBe(false)
  })

  it('starts a fresh count once a lock has run out', () => {
    const expired = { failedAttempts: 5, lockedUntil: '2026-05-01T10:30:00.000Z' }
    expect(afterFailure(expired, at('2026-05-01T11:00:00Z'))).toEqual({ failedAttempts: 1, lockedUntil: null })
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
