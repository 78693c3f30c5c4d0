import type { PostgresCursor, PostgresPool, PostgresQueryResult } from 'kysely'
import type { Pool, QueryResultRow } from 'pg'

import { isConnectionLost } from './databaseErrors'

/**
 * The pg pool as Kysely takes it, with two guards for a connection the server drops (its process terminated, a
 * failover, a reset socket):
 *
 * - pg emits 'error' on a client whose connection drops while the app holds it, with a query running or between a
 *   transaction's statements, and the pool listens only to idle clients. Unheard, that 'error' is an uncaught
 *   exception that takes the whole process down. Every client gets a listener; the query on it fails anyway (and is
 *   classified as unavailable), and so does the next one.
 * - A query that fails because its connection was ended comes back before the socket's end does, so the client
 *   would return to the pool looking healthy and fail the next request too. It goes back as broken instead, and
 *   the pool closes it.
 */
export function poolForKysely(pool: Pool): PostgresPool {
  pool.on('error', () => undefined)
  pool.on('connect', (client) => client.on('error', () => undefined))
  return {
    async connect() {
      const client = await pool.connect()
      let lost = false
      function query<R>(text: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>
      function query<R>(textOrCursor: string | PostgresCursor<R>, parameters: readonly unknown[] = []): PostgresCursor<R> | Promise<PostgresQueryResult<R>> {
        // A streamed query's cursor (the dialect is given none today) goes straight through.
        if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never) as PostgresCursor<R>
        // pg's result is the one Kysely reads from pg's own client; its type only says `command` more loosely.
        const result = client.query<R & QueryResultRow>(textOrCursor, [...parameters]) as Promise<PostgresQueryResult<R>>
        return result.catch((error: unknown) => {
          if (isConnectionLost(error)) lost = true
          throw error
        })
      }
      return {
        query,
        release: () => client.release(lost || undefined),
      }
    },
    end: () => pool.end(),
  }
}
