import { createHash } from 'node:crypto'

import { Redis } from 'ioredis'
import {
  type IRateLimiterStoreOptions,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible'

import type { Kysely } from 'kysely'

import type { NativeClient } from '../db/connection'
import type { Database } from '../db/schema'
import { type RateLimitName, rateLimitNames, type RateLimitSettings } from './limits'

// Attempt limits with rate-limiter-flexible, counted where every process of the application counts: in Redis when
// REDIS_URL is set, otherwise in the application's own database (its rate_limits table, created by migration 0006).
// Each attempt is one atomic increment in the store (PostgreSQL: INSERT ... ON CONFLICT DO UPDATE ... RETURNING;
// SQLite: the same upsert in a write transaction; Redis: a script), and the verdict is read from the incremented
// count, so attempts sent at once are all counted. If the store cannot answer, each limiter falls back to counting
// in this process's memory (the library's insurance limiter): a slower database must not let a script through, nor
// turn every sign-in into an error.

export interface AttemptCheck {
  limit: RateLimitName
  /** The client address, the caller's number, a username or an identifier; none (withheld) means no check. */
  key: string | null | undefined
}

export type AttemptVerdict = { allowed: true } | { allowed: false; limit: RateLimitName; retryAfterSeconds: number }

export interface AttemptLimits {
  readonly store: 'redis' | 'postgres' | 'sqlite'
  /** Counts one attempt against every check; refused when any of them is over its limit. */
  attempt(checks: readonly AttemptCheck[]): Promise<AttemptVerdict>
  /**
   * Whether the shared store answers, waiting up to `timeoutMs` for Redis to connect. Until it does, each process
   * counts in its own memory (commands are never queued: an attempt must not wait on a Redis that is away).
   */
  connected(timeoutMs: number): Promise<boolean>
  close(): Promise<void>
}

const tableName = 'rate_limits'

export function createAttemptLimits(deps: {
  settings: RateLimitSettings
  db: Kysely<Database>
  native: NativeClient
  redisUrl: string | null
}): AttemptLimits {
  const redis = deps.redisUrl ? new Redis(deps.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null
  // An unreachable Redis is reported by each command (and answered by the insurance limiter), not as a crash.
  redis?.on('error', () => undefined)
  const store = redis ? 'redis' : deps.native.dialect

  const limiters = new Map<RateLimitName, RateLimiterStoreAbstract>()
  for (const name of rateLimitNames) {
    const { attempts: points, seconds: duration } = deps.settings[name]
    const options: IRateLimiterStoreOptions = {
      storeClient: undefined,
      points,
      duration,
      keyPrefix: name,
      insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: name }),
    }
    if (redis) {
      limiters.set(name, new RateLimiterRedis({ ...options, storeClient: redis }))
    } else {
      // The library's own sweep runs on a timer that throws past a closed database; the rows are swept below instead.
      const tableOptions = { ...options, tableName, tableCreated: true, clearExpiredByTimeout: false }
      limiters.set(
        name,
        deps.native.dialect === 'postgres'
          ? new RateLimiterPostgres({ ...tableOptions, storeClient: deps.native.pool, storeType: 'pool' })
          : new RateLimiterSQLite({ ...tableOptions, storeClient: deps.native.database, storeType: 'better-sqlite3' }),
      )
    }
  }

  // Expired counters are dead rows: now and then, an attempt deletes those an hour past their expiry.
  let attemptsSinceSweep = 0
  const sweepNowAndThen = () => {
    if (redis || ++attemptsSinceSweep < 500) return
    attemptsSinceSweep = 0
    deps.db
      .deleteFrom('rate_limits')
      .where('expire', '<', Date.now() - 3_600_000)
      .execute()
      .catch(() => undefined)
  }

  return {
    store,
    async attempt(checks) {
      sweepNowAndThen()
      let refused: AttemptVerdict = { allowed: true }
      for (const check of checks) {
        if (!check.key) continue
        try {
          await limiters.get(check.limit)!.consume(digestOf(check.key))
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection
          const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
          if (refused.allowed || retryAfterSeconds > refused.retryAfterSeconds) {
            refused = { allowed: false, limit: check.limit, retryAfterSeconds }
          }
        }
      }
      return refused
    },
    async connected(timeoutMs) {
      if (!redis || redis.status === 'ready') return true
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => finish(false), timeoutMs)
        const onReady = () => finish(true)
        function finish(ready: boolean) {
          clearTimeout(timer)
          redis!.off('ready', onReady)
          resolve(ready)
        }
        redis.once('ready', onReady)
      })
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect())
    },
  }
}

/** Keys are usernames, case numbers and addresses: the store keeps only a digest of them. */
function digestOf(key: string): string {
  return createHash('sha256').update(key.trim().toLowerCase()).digest('base64url')
}
