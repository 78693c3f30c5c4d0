import type { Kysely } from 'kysely'

import type { AlertChannel } from '../alerts/alertChannels'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { type AccountRepository, accountRepository, type ParentAccount } from './accountRepository'
import { normalizeUsername, passwordProblem, pinProblem, usernameProblem } from './credentialRules'
import { isLocked, type LockoutState } from './lockout'
import { endParentSessions } from './parentSessions'
import { hashSecret, verifySecret } from './secretHashing'
import { securityNoticeRepository } from './securityNotices'
import { staffRepository } from './staffRepository'

export type ParentSignIn =
  | { outcome: 'signed_in'; participantId: number; language: 'en' | 'es' }
  | { outcome: 'invalid' }
  | { outcome: 'locked'; lockedUntil: string }

export type StaffSignIn =
  | { outcome: 'signed_in'; staffId: number; role: 'rep' | 'supervisor'; displayName: string; languages: string[] }
  | { outcome: 'invalid' }
  | { outcome: 'locked'; lockedUntil: string }

export interface IdentityFacts {
  /** A case number or a PAR ID, as the parent typed it. */
  identifier: string
  ssnLast4: string
  dateOfBirth: string
}

export type CredentialChange =
  | { outcome: 'saved'; participantId: number }
  | { outcome: 'rejected'; errors: Record<string, string> }

export function createIdentityService(deps: {
  db: Kysely<Database>
  clock: Clock
  /** The channels a security notice also goes out by (alerts/channelsFromConfig.ts). */
  alertChannels?: readonly AlertChannel[]
}) {
  const accounts = accountRepository(deps.db)
  const staff = staffRepository(deps.db)
  const notices = securityNoticeRepository(deps.db, deps.alertChannels)
  // Verifying against a real hash when the account is unknown keeps the answer time the same, so timing
  // cannot tell which usernames exist.
  let decoyHash: Promise<string> | undefined
  const decoy = () => (decoyHash ??= hashSecret('decoy-secret-for-constant-time'))

  /** The answer for a failure just counted: locked when this count (or one racing with it) locked the account. */
  const afterFailure = (state: LockoutState): ParentSignIn =>
    state.lockedUntil && isLocked(state, deps.clock.now()) ? { outcome: 'locked', lockedUntil: state.lockedUntil } : { outcome: 'invalid' }

  async function lockedAnswer(participantId: number): Promise<ParentSignIn> {
    const state = await accounts.lockoutOf(participantId)
    return { outcome: 'locked', lockedUntil: state?.lockedUntil ?? deps.clock.now().toISOString() }
  }

  async function checkSecret(
    account: ParentAccount,
    secret: string,
    storedHash: string | null,
  ): Promise<ParentSignIn> {
    const now = deps.clock.now()
    if (isLocked(account, now)) {
      // Counted too, so that every guess of a burst shows in the counter, but the lock is not extended.
      await accounts.recordFailure(account.participantId, now)
      return { outcome: 'locked', lockedUntil: account.lockedUntil! }
    }
    const matches = storedHash ? await verifySecret(storedHash, secret) : (await verifySecret(await decoy(), secret), false)
    const checkedAt = deps.clock.now()
    if (!matches) return afterFailure(await accounts.recordFailure(account.participantId, checkedAt))
    if (!(await accounts.recordSuccess(account.participantId, account.failedAttempts, checkedAt))) {
      return lockedAnswer(account.participantId)
    }
    return { outcome: 'signed_in', participantId: account.participantId, language: account.language }
  }

  return {
    /** Web sign-in with username and password. */
    async signInWithPassword(username: string, password: string): Promise<ParentSignIn> {
      const account = await accounts.findByUsername(normalizeUsername(username))
      if (!account) {
        await verifySecret(await decoy(), password)
        return { outcome: 'invalid' }
      }
      return checkSecret(account, password, account.passwordHash)
    },

    /**
     * Phone sign-in: a PAR ID or a case number, then the PIN. A case number names two parents; the PIN
     * says which one is calling. A wrong PIN counts against every parent it could have been, since we
     * cannot tell who was trying.
     */
    async signInWithPin(identifier: string, pin: string): Promise<ParentSignIn> {
      const digits = identifier.replace(/\D/g, '')
      const byParId = await accounts.findByParId(digits)
      const candidates = byParId ? [byParId] : await accounts.findParentsOnCase(digits)
      if (candidates.length === 0) {
        await verifySecret(await decoy(), pin)
        return { outcome: 'invalid' }
      }
      const now = deps.clock.now()
      const open = candidates.filter((c) => !isLocked(c, now))
      if (open.length === 0) {
        for (const candidate of candidates) await accounts.recordFailure(candidate.participantId, now)
        return { outcome: 'locked', lockedUntil: candidates[0]!.lockedUntil! }
      }
      for (const candidate of open) {
        if (candidate.pinHash && (await verifySecret(candidate.pinHash, pin))) {
          if (!(await accounts.recordSuccess(candidate.participantId, candidate.failedAttempts, deps.clock.now()))) {
            return lockedAnswer(candidate.participantId)
          }
          return { outcome: 'signed_in', participantId: candidate.participantId, language: candidate.language }
        }
      }
      const checkedAt = deps.clock.now()
      const answers: ParentSignIn[] = []
      for (const candidate of open) answers.push(afterFailure(await accounts.recordFailure(candidate.participantId, checkedAt)))
      return open.length === 1 ? answers[0]! : { outcome: 'invalid' }
    },

    /**
     * First-time activation and forgotten credentials both prove identity with the same facts: a case
     * number or PAR ID, the last four of the SSN and the date of birth. Then the parent chooses a new
     * password (and PIN for the phone line). A change ends every other session of that parent: a reset means the
     * old secret may be known to someone else. `keepSessionId` is the session making the change, if any.
     */
    async setCredentials(
      facts: IdentityFacts,
      chosen: { username?: string; password?: string; pin?: string },
      options: { keepSessionId?: string } = {},
    ): Promise<CredentialChange> {
      const errors: Record<string, string> = {}
      const username = chosen.username !== undefined ? normalizeUsername(chosen.username) : undefined
      if (username !== undefined) {
        const problem = usernameProblem(username)
        if (problem) errors.username = problem
      }
      if (chosen.password !== undefined) {
        const problem = passwordProblem(chosen.password, username)
        if (problem) errors.password = problem
      }
      if (chosen.pin !== undefined) {
        const problem = pinProblem(chosen.pin)
        if (problem) errors.pin = problem
      }
      if (Object.keys(errors).length) return { outcome: 'rejected', errors }

      // Wrong facts never lock anyone's sign-in: a case number names both parents, and one must not be able to lock
      // the other out by failing on purpose. The channel throttles the attempts (by client and by identifier), and
      // the parents the identifier names are told that someone tried.
      const participantId = await matchIdentity(accounts, facts)
      if (participantId === null) {
        const at = deps.clock.now().toISOString()
        for (const account of await parentsNamedBy(accounts, facts.identifier)) {
          await notices.recordFailedIdentityCheck(account.participantId, at)
        }
        return { outcome: 'rejected', errors: { identity: 'identity:errors.identityNotMatched' } }
      }
      if (username && (await accounts.isUsernameTaken(username, participantId))) {
        return { outcome: 'rejected', errors: { username: 'identity:errors.usernameTaken' } }
      }
      await accounts.saveCredentials(
        participantId,
        {
          username,
          passwordHash: chosen.password !== undefined ? await hashSecret(chosen.password) : undefined,
          pinHash: chosen.pin !== undefined ? await hashSecret(chosen.pin) : undefined,
        },
        deps.clock.now().toISOString(),
      )
      await endParentSessions(deps.db, participantId, options.keepSessionId)
      return { outcome: 'saved', participantId }
    },

    /** What the dashboard tells a parent about attempts on their account, for the session begun at `signedInAt`. */
    async securityNotices(participantId: number, signedInAt: string) {
      return notices.forSession(participantId, signedInAt, deps.clock.now().toISOString())
    },

    async signInStaff(username: string, password: string): Promise<StaffSignIn> {
      const member = await staff.findByUsername(normalizeUsername(username))
      const now = deps.clock.now()
      if (!member) {
        await verifySecret(await decoy(), password)
        return { outcome: 'invalid' }
      }
      if (isLocked(member, now)) {
        await staff.recordFailure(member.staffId, now)
        return { outcome: 'locked', lockedUntil: member.lockedUntil! }
      }
      if (!(await verifySecret(member.passwordHash, password))) {
        const state = await staff.recordFailure(member.staffId, deps.clock.now())
        return state.lockedUntil && isLocked(state, deps.clock.now())
          ? { outcome: 'locked', lockedUntil: state.lockedUntil }
          : { outcome: 'invalid' }
      }
      if (!(await staff.recordSuccess(member.staffId, member.failedAttempts, deps.clock.now()))) {
        const state = await staff.lockoutOf(member.staffId)
        return { outcome: 'locked', lockedUntil: state?.lockedUntil ?? now.toISOString() }
      }
      const { staffId, role, displayName, languages } = member
      return { outcome: 'signed_in', staffId, role, displayName, languages }
    },
  }
}

async function parentsNamedBy(accounts: AccountRepository, identifier: string): Promise<ParentAccount[]> {
  const digits = identifier.replace(/\D/g, '')
  if (!digits) return []
  const byParId = await accounts.findByParId(digits)
  return byParId ? [byParId] : accounts.findParentsOnCase(digits)
}

async function matchIdentity(accounts: AccountRepository, facts: IdentityFacts): Promise<number | null> {
  const identifier = facts.identifier.replace(/\D/g, '')
  const ssnLast4 = facts.ssnLast4.replace(/\D/g, '')
  if (!identifier || !/^\d{4}$/.test(ssnLast4)) return null
  const [byParId, byCase] = await Promise.all([
    accounts.findByIdentityFacts({ parId: identifier, ssnLast4, dateOfBirth: facts.dateOfBirth }),
    accounts.findByIdentityFacts({ caseNumber: identifier, ssnLast4, dateOfBirth: facts.dateOfBirth }),
  ])
  const ids = new Set([...byParId, ...byCase].map((row) => row.participantId))
  return ids.size === 1 ? [...ids][0]! : null
}

export type IdentityService = ReturnType<typeof createIdentityService>
