// What a new password or PIN must be. Errors are message keys in the identity namespace.

/** NIST SP 800-63B §5.1.1: at least 8 characters, allow long passphrases; we ask for 12 as there is no second factor. */
export const passwordMinLength = 12
export const passwordMaxLength = 128

export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < passwordMinLength) return 'identity:errors.passwordTooShort'
  if (password.length > passwordMaxLength) return 'identity:errors.passwordTooLong'
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'identity:errors.passwordHasUsername'
  if (/^(.)\1+$/.test(password)) return 'identity:errors.passwordTooSimple'
  return null
}

/** A phone PIN: 6 digits, not one digit repeated and not a run such as 123456 or 654321. */
export function pinProblem(pin: string): string | null {
  if (!/^\d{6}$/.test(pin)) return 'identity:errors.pinFormat'
  const digits = [...pin].map(Number)
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!))
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!)) return 'identity:errors.pinTooSimple'
  return null
}

/** Usernames: 4 to 40 letters, digits, dots, dashes or underscores; compared without case. */
export function usernameProblem(username: string): string | null {
  if (!/^[A-Za-z0-9._-]{4,40}$/.test(username)) return 'identity:errors.usernameFormat'
  return null
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase()
}
