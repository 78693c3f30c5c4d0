import { Store, type SessionData } from 'express-session'
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Database } from './schema'

const defaultLifetimeMs = 15 * 60 * 1000
const expiredSessionGraceMs = 5 * 60 * 1000
const touchResolutionMs = 60 * 1000
/** Bounds the memory of recent writes; forgetting one only costs a write. */
const rememberedSessions = 10_000

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
    this.db
      .selectFrom('sessions')
      .select(['sess', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at <= this.clock.now().toISOString()) return callback(null, null)
        callback(null, JSON.parse(row.sess) as SessionData)
      }, callback)
  }

  override set(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    const row = { sid, sess: JSON.stringify(session), expires_at: this.expiryOf(session) }
    this.remember(sid, row.expires_at)
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('sid').doUpdateSet({ sess: row.sess, expires_at: row.expires_at }))
      .execute()
      .then(() => this.sweepNowAndThen())
      .then(() => callback?.(), (error: unknown) => callback?.(error))
  }

  override touch(sid: string, session: SessionData, callback?: (error?: unknown) => void): void {
    // A row's expiry moved by less than a minute is not worth a write on every request; it outlives the idle limit.
    const expiresAt = this.expiryOf(session)
    const written = this.recentExpiries.get(sid)
    if (written !== undefined && Date.parse(expiresAt) - Date.parse(written) < touchResolutionMs) {
      callback?.()
      return
    }
    this.remember(sid, expiresAt)
    this.db
      .updateTable('sessions')
      .set({ expires_at: expiresAt })
      .where('sid', '=', sid)
      .execute()
      .then(() => callback?.(), (error: unknown) => callback?.(error))
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.recentExpiries.delete(sid)
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => callback?.(), (error: unknown) => callback?.(error))
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
