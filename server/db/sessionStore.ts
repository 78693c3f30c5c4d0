import { Store, type SessionData } from 'express-session'
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Database } from './schema'

/** The principal column of a parent's sessions; a password reset ends them by it. */
export function parentPrincipal(participantId: number): string {
  return `parent:${participantId}`
}

/** Whose session this is, as the sessions table records it, so that one person's sessions can be found together. */
export function principalOf(session: SessionData): string | null {
  if (session.participantId) return parentPrincipal(session.participantId)
  if (session.staffId) return `staff:${session.staffId}`
  return null
}

const defaultLifetimeMs = 15 * 60 * 1000
const expiredSessionGraceMs = 5 * 60 * 1000
const touchResolutionMs = 60 * 1000
/** Bounds the memory of recent writes; forgetting one only costs a write. */
const rememberedSessions = 10_000

/**
 * Runs `work` and answers `callback` exactly once, on every path: a query that fails, a row that cannot be read,
 * and a throw before the first await all reach it as an error. express-session holds the response until its store
 * answers, so a callback that is never called is a request that never ends. The callback is called outside the
 * promise chain: if it throws, that is reported as an uncaught error instead of being swallowed or answered twice.
 */
function answer<T>(work: () => Promise<T>, callback: ((error: unknown, value?: T) => void) | undefined): void {
  let pending: Promise<T>
  try {
    pending = work()
  } catch (error) {
    pending = Promise.reject(error)
  }
  pending.then(
    (value) => process.nextTick(() => callback?.(null, value)),
    (error: unknown) => process.nextTick(() => callback?.(error ?? new Error('session store failed'))),
  )
}

/**
 * Sessions live in the application's own database (SQLite or PostgreSQL), so any process behind a load
 * balancer can serve any request and a restart signs nobody out. Expired rows are ignored on read and
 * swept now and then.
 */
export class DatabaseSessionStore extends Store {
  private writesSinceSweep = 0
  /** The expiry this process last wrote for a session, so a touch that would barely move it is skipped. */
  private readonly recentExpiries = new Map<string, string>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    super()
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    answer(async () => {
      const row = await this.db.selectFrom('sessions').select(['sess', 'expires_at']).where('sid', '=', sid).executeTakeFirst()
      if (!row || row.expires_at <= this.clock.now().toISOString()) return null
      return readSession(row.sess)
    }, callback)
  }

  override set(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    answer(async () => {
      const row = { sid, sess: JSON.stringify(session), expires_at: this.expiryOf(session), principal: principalOf(session) }
      await this.db
        .insertInto('sessions')
        .values(row)
        .onConflict((oc) => oc.column('sid').doUpdateSet({ sess: row.sess, expires_at: row.expires_at, principal: row.principal }))
        .execute()
      // Remembered once written: a failed write must not make the next touch look unnecessary.
      this.remember(sid, row.expires_at)
      await this.sweepNowAndThen()
    }, callback)
  }

  override touch(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    answer(async () => {
      // A row's expiry moved by less than a minute is not worth a write on every request; it outlives the idle limit.
      const expiresAt = this.expiryOf(session)
      const written = this.recentExpiries.get(sid)
      if (written !== undefined && Date.parse(expiresAt) - Date.parse(written) < touchResolutionMs) return
      await this.db.updateTable('sessions').set({ expires_at: expiresAt }).where('sid', '=', sid).execute()
      this.remember(sid, expiresAt)
    }, callback)
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    answer(async () => {
      this.recentExpiries.delete(sid)
      await this.db.deleteFrom('sessions').where('sid', '=', sid).execute()
    }, callback)
  }

  // From the injected clock and the cookie's lifetime, not the cookie's wall-clock expiry, so that the
  // store and the code that reads sessions agree on what "now" is. The row outlives the idle limit by a
  // short grace, so the portal can still tell a parent they were signed out for inactivity (it enforces
  // the limit itself).
  private expiryOf(session: SessionData): string {
    const lifetimeMs = session.cookie?.originalMaxAge ?? defaultLifetimeMs
    return new Date(this.clock.now().getTime() + lifetimeMs + expiredSessionGraceMs).toISOString()
  }

  private remember(sid: string, expiresAt: string): void {
    if (this.recentExpiries.size >= rememberedSessions) this.recentExpiries.clear()
    this.recentExpiries.set(sid, expiresAt)
  }

  private async sweepNowAndThen(): Promise<void> {
    this.writesSinceSweep += 1
    if (this.writesSinceSweep < 100) return
    this.writesSinceSweep = 0
    await this.db.deleteFrom('sessions').where('expires_at', '<=', this.clock.now().toISOString()).execute()
  }
}

/** A row that is not a session object (damaged, or written by something else) is no session: the visitor starts afresh. */
function readSession(text: string): SessionData | null {
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as SessionData) : null
  } catch {
    return null
  }
}
