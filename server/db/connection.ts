import fs from 'node:fs'
import path from 'node:path'

import SQLite from 'better-sqlite3'
import { type DatabaseConnection, type Driver, Kysely, PostgresDialect, type QueryResult, type CompiledQuery } from 'kysely'
import { Pool, types } from 'pg'

import { classifyDatabaseError, DatabaseUnavailableError } from './databaseErrors'
import type { DatabaseLocation, DatabaseTimeouts, SqlDialect } from './dialect'
import type { Database } from './schema'
import { poolForKysely } from './postgresPool'
import { ResilientSqliteDriver, sqliteBusyTimeoutMs } from './sqliteDriver'
import { LockingSqliteDialect } from './sqliteMigrationDialect'
import { withStatementCache } from './statementCache'

// PostgreSQL sends bigint (COUNT, SUM) as text to protect precision; every figure we count or sum is far
// below 2^53, so read them as numbers and let both dialects return the same shape.
types.setTypeParser(types.builtins.INT8, (value) => Number(value))
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value))

/** The driver's own client, for the few libraries that take one (the rate limiter's store). */
export type NativeClient = { dialect: 'sqlite'; database: SQLite.Database } | { dialect: 'postgres'; pool: Pool }

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: SqlDialect
  native: NativeClient
  /** Answers whether the database responds, for /readyz; rejects after `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export class DatabaseOpenError extends Error {}

/**
 * For commands, migrations, start-up and tests: no statement timeout and no lock timeout (0), as before timeouts
 * existed; a serving process passes the short request timeouts from its configuration (config.ts).
 */
export const patientTimeouts: DatabaseTimeouts = { statementMs: 0, lockMs: 0, acquireMs: 10_000 }

export function openDatabase(
  location: DatabaseLocation,
  options: { poolSize?: number; timeouts?: DatabaseTimeouts } = {},
): DatabaseHandle {
  const timeouts = options.timeouts ?? patientTimeouts
  if (location.dialect === 'sqlite') return openSqlite(location.filename, timeouts)
  return openPostgres(location.connectionString, options.poolSize ?? 10, timeouts)
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number | undefined, what: string): Promise<T> {
  if (!timeoutMs) return work
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

function openSqlite(filename: string, timeouts: DatabaseTimeouts): DatabaseHandle {
  if (filename !== ':memory:') {
    const folder = path.dirname(path.resolve(filename))
    try {
      fs.mkdirSync(folder, { recursive: true })
      fs.accessSync(folder, fs.constants.W_OK)
    } catch {
      throw new DatabaseOpenError(`cannot write to the database folder ${folder}`)
    }
  }
  let sqlite: SQLite.Database
  try {
    // SQLite's own busy wait blocks the event loop, so it stays short; the driver waits the rest asynchronously.
    sqlite = new SQLite(filename, { timeout: sqliteBusyTimeoutMs })
    // WAL lets readers carry on while a writer writes; NORMAL sync is safe with WAL.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
  } catch (error) {
    throw new DatabaseOpenError(`cannot open SQLite database ${filename}: ${(error as Error).message}`)
  }
  const driver = new ResilientSqliteDriver(sqlite, withStatementCache(sqlite), timeouts)
  const db = new Kysely<Database>({ dialect: new ResilientSqliteDialect(sqlite, driver) })
  return {
    db,
    dialect: 'sqlite',
    native: { dialect: 'sqlite', database: sqlite },
    // Through the driver, so that it waits its turn for the connection like any query and never blocks the loop.
    async ping(timeoutMs) {
      await withTimeout(db.selectNoFrom((eb) => eb.lit(1).as('one')).execute(), timeoutMs, 'sqlite database')
    },
    async close() {
      await db.destroy()
    },
  }
}

class ResilientSqliteDialect extends LockingSqliteDialect {
  constructor(
    sqlite: SQLite.Database,
    private readonly driver: ResilientSqliteDriver,
  ) {
    super({ database: sqlite })
  }

  override createDriver(): Driver {
    return this.driver
  }
}

function openPostgres(connectionString: string, poolSize: number, timeouts: DatabaseTimeouts): DatabaseHandle {
  const pool = new Pool({
    connectionString,
    max: poolSize,
    // Waiting for a free connection or for a new one to open.
    connectionTimeoutMillis: timeouts.acquireMs,
    // Sent when each connection opens, so they hold for every query on it. 0 means none (commands, migrations).
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    // A transaction left open by a process that stopped answering must not hold its locks for long.
    idle_in_transaction_session_timeout: timeouts.statementMs ? timeouts.statementMs * 2 : 0,
    // A server that stops answering at all (no error, no timeout from its side) still ends the wait.
    query_timeout: timeouts.statementMs ? timeouts.statementMs + 2_000 : undefined,
  })
  const db = new Kysely<Database>({ dialect: new ClassifyingPostgresDialect({ pool: poolForKysely(pool) }) })
  return {
    db,
    dialect: 'postgres',
    native: { dialect: 'postgres', pool },
    async ping(timeoutMs) {
      await withTimeout(
        pool.query('select 1').catch((error: unknown) => {
          throw new DatabaseUnavailableError(`postgres database does not answer: ${(error as Error).message}`, { cause: error })
        }),
        timeoutMs,
        'postgres database',
      )
    },
    async close() {
      await db.destroy()
    },
  }
}

/** Kysely's PostgreSQL dialect whose failures say DatabaseUnavailableError when that is what they mean. */
class ClassifyingPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    const inner = super.createDriver()
    const classify = (error: unknown) => {
      throw classifyDatabaseError(error, 'postgres')
    }
    const wrap = (connection: DatabaseConnection): DatabaseConnection => ({
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => connection.executeQuery<R>(query).catch(classify),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    })
    const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>()
    const unwrapped = new WeakMap<DatabaseConnection, DatabaseConnection>()
    const outer = (connection: DatabaseConnection) => {
      let found = wrapped.get(connection)
      if (!found) {
        found = wrap(connection)
        wrapped.set(connection, found)
        unwrapped.set(found, connection)
      }
      return found
    }
    const innerOf = (connection: DatabaseConnection) => unwrapped.get(connection) ?? connection
    return {
      init: () => inner.init(),
      // Any failure to get a connection (refused, not accepting connections, pool timeout) means unavailable.
      acquireConnection: () =>
        inner.acquireConnection().then(outer, (error: unknown) => {
          throw new DatabaseUnavailableError(`postgres connection failed: ${(error as Error).message}`, { cause: error })
        }),
      beginTransaction: (connection, settings) => inner.beginTransaction(innerOf(connection), settings).catch(classify),
      commitTransaction: (connection) => inner.commitTransaction(innerOf(connection)).catch(classify),
      rollbackTransaction: (connection) => inner.rollbackTransaction(innerOf(connection)).catch(classify),
      releaseConnection: (connection) => inner.releaseConnection(innerOf(connection)),
      destroy: () => inner.destroy(),
    }
  }
}
