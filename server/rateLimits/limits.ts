// How many attempts each guarded form or step allows, per client (the address the request came from, or the
// caller's number) and per account or identifier, in a window of seconds. The defaults leave room for a parent who
// mistypes and for a household or an office behind one address, and stop a script; the account lockout (five wrong
// secrets in a row) still applies on top for passwords and PINs. Operators and tests override them with
// RATE_LIMITS="name=attempts/seconds,...".

export const rateLimitNames = [
  'signInClient',
  'signInAccount',
  'factsClient',
  'factsIdentifier',
  'pinCaller',
  'pinIdentifier',
  'callbackClient',
  'callbackAccount',
  'consoleClient',
  'consoleAccount',
  'alertSendAccount',
  'intakeSource',
] as const

export type RateLimitName = (typeof rateLimitNames)[number]

export interface RateLimit {
  attempts: number
  seconds: number
}

export type RateLimitSettings = Record<RateLimitName, RateLimit>

const minutes = (n: number) => n * 60

export const defaultRateLimits: RateLimitSettings = {
  signInClient: { attempts: 30, seconds: minutes(15) },
  signInAccount: { attempts: 10, seconds: minutes(15) },
  // Activation and reset facts: an identifier (a case number both parents know) allows a few tries an hour, from
  // anyone; failing them never locks anybody's sign-in.
  factsClient: { attempts: 10, seconds: minutes(15) },
  factsIdentifier: { attempts: 10, seconds: minutes(60) },
  pinCaller: { attempts: 10, seconds: minutes(15) },
  pinIdentifier: { attempts: 10, seconds: minutes(15) },
  callbackClient: { attempts: 10, seconds: minutes(60) },
  callbackAccount: { attempts: 10, seconds: minutes(60) },
  consoleClient: { attempts: 30, seconds: minutes(15) },
  consoleAccount: { attempts: 10, seconds: minutes(15) },
  // Confirmation codes and links for alerts: each sends a text or an email to a number or address the parent typed, so
  // a few an hour, or the form becomes a way to send our texts to strangers.
  alertSendAccount: { attempts: 5, seconds: minutes(60) },
  // Requests to the intake API per source (a request carries up to 500 documents): ten a second on average leaves a
  // case system's nightly batch and its live feed room, and stops a runaway client before it fills the database.
  intakeSource: { attempts: 600, seconds: 60 },
}

export class RateLimitSettingsError extends Error {}

/** The defaults with the overrides of RATE_LIMITS applied; an unknown name or a malformed value is refused. */
export function rateLimitSettings(overrides: string | undefined): RateLimitSettings {
  const settings = { ...defaultRateLimits }
  for (const entry of (overrides ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^(\w+)=(\d{1,7})\/(\d{1,7})$/.exec(entry)
    if (!match) throw new RateLimitSettingsError(`"${entry}" is not name=attempts/seconds`)
    const [, name, attempts, seconds] = match
    if (!(rateLimitNames as readonly string[]).includes(name!)) throw new RateLimitSettingsError(`unknown limit "${name}"`)
    if (Number(attempts) < 1 || Number(seconds) < 1) throw new RateLimitSettingsError(`"${entry}" needs at least 1 attempt and 1 second`)
    settings[name as RateLimitName] = { attempts: Number(attempts), seconds: Number(seconds) }
  }
  return settings
}
