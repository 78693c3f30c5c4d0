import type SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  type SqliteDatabase,
  type TransactionSettings,
} from 'kysely'

import { classifyDatabaseError, DatabaseUnavailableError } from './databaseErrors'
import type { DatabaseTimeouts } from './dialect'

/**
 * better-sqlite3 is synchronous: while SQLite waits on another process's lock (its busy timeout), the whole event
 * loop waits with it, so one locked write used to stall every request and /healthz for ten seconds. This driver
 * keeps SQLite's own wait short (`busyTimeoutMs`) and waits the rest of the lock timeout asynchronously, between
 * tries, so the process keeps answering; after the lock timeout the query fails with DatabaseUnavailableError.
 *
 * Transactions begin IMMEDIATE: they take the write lock at BEGIN, the one statement that can safely be tried again,
 * instead of failing half-way (SQLITE_BUSY_SNAPSHOT) when another process wrote first.
 *
 * The one connection is shared through a queue; a request that cannot get it within the acquire timeout gives up
 * and leaves the queue, so a stuck database turns into "try again" rather than an ever longer line.
 */
export const sqliteBusyTimeoutMs = 25

/** "No lock timeout" (0) still ends: a minute, far past anything a request would wait. */
const patientLockWaitMs = 60_000

const firstPauseMs = 10
const longestPauseMs = 200
const busyCodes = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_TIMEOUT'])

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

class SqliteConnection implements DatabaseConnection {
  constructor(
    private readonly sqlite: SQLite.Database,
    /** Where statements are prepared (the statement cache, statementCache.ts). */
    private readonly statements: SqliteDatabase,
    private readonly lockMs: number,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const giveUpAt = Date.now() + this.lockMs
    for (let wait = firstPauseMs; ; wait = Math.min(wait * 2, longestPauseMs)) {
      try {
        return this.run<R>(compiledQuery)
      } catch (error) {
        // Inside a transaction a busy statement is not tried again: the transaction already holds the write lock
        // (BEGIN IMMEDIATE), so this is rare, and the caller's rollback is the safe answer.
        const code = (error as { code?: string }).code
        const retryable = code !== undefined && busyCodes.has(code) && !this.sqlite.inTransaction
        if (!retryable) throw classifyDatabaseError(error, 'sqlite')
        if (Date.now() + wait > giveUpAt) {
          throw new DatabaseUnavailableError(`sqlite database locked by another process for ${this.lockMs} ms`, { code, cause: error })
        }
        await pause(wait)
      }
    }
  }

  private run<R>(compiledQuery: CompiledQuery): QueryResult<R> {
    const statement = this.statements.prepare(compiledQuery.sql)
    if (statement.reader) return { rows: statement.all(compiledQuery.parameters) as R[] }
    const { changes, lastInsertRowid } = statement.run(compiledQuery.parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('SQLite streams select queries only')
    const statement = this.sqlite.prepare(compiledQuery.sql)
    for (const row of statement.iterate(...(compiledQuery.parameters as unknown[]))) yield { rows: [row as R] }
  }
}

interface Waiter {
  grant(): void
}

export class ResilientSqliteDriver implements Driver {
  private readonly connection: SqliteConnection
  private held = false
  private readonly waiting: Waiter[] = []

  constructor(
    private readonly sqlite: SQLite.Database,
    statements: SqliteDatabase,
    private readonly timeouts: DatabaseTimeouts,
  ) {
    this.connection = new SqliteConnection(sqlite, statements, timeouts.lockMs || patientLockWaitMs)
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    if (!this.held) {
      this.held = true
      return Promise.resolve(this.connection)
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer)
          resolve(this.connection)
        },
      }
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1)
        reject(new DatabaseUnavailableError(`sqlite connection busy for ${this.timeouts.acquireMs} ms`))
      }, this.timeouts.acquireMs)
      this.waiting.push(waiter)
    })
  }

  async releaseConnection(): Promise<void> {
    const next = this.waiting.shift()
    if (next) next.grant()
    else this.held = false
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // A statement that failed may already have ended the transaction (SQLite rolls back on some errors).
    if (this.sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async destroy(): Promise<void> {
    this.sqlite.close()
  }
}
