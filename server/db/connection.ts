import fs from 'node:fs'
import path from 'node:path'

import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect } from 'kysely'
import { Pool, types } from 'pg'

import type { DatabaseLocation, SqlDialect } from './dialect'
import type { Database } from './schema'
import { LockingSqliteDialect } from './sqliteMigrationDialect'
import { withStatementCache } from './statementCache'

// PostgreSQL sends bigint (COUNT, SUM) as text to protect precision; every figure we count or sum is far
// below 2^53, so read them as numbers and let both dialects return the same shape.
types.setTypeParser(types.builtins.INT8, (value) => Number(value))
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value))

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: SqlDialect
  /** Answers whether the database responds, for /readyz. */
  ping(): Promise<void>
  close(): Promise<void>
}

export class DatabaseOpenError extends Error {}

export function openDatabase(location: DatabaseLocation, options: { poolSize?: number } = {}): DatabaseHandle {
  if (location.dialect === 'sqlite') return openSqlite(location.filename)
  return openPostgres(location.connectionString, options.poolSize ?? 10)
}

function openSqlite(filename: string): DatabaseHandle {
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
    sqlite = new SQLite(filename, { timeout: 10_000 })
    // WAL lets readers carry on while a writer writes; NORMAL sync is safe with WAL.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
  } catch (error) {
    throw new DatabaseOpenError(`cannot open SQLite database ${filename}: ${(error as Error).message}`)
  }
  const db = new Kysely<Database>({ dialect: new LockingSqliteDialect({ database: withStatementCache(sqlite) }) })
  return {
    db,
    dialect: 'sqlite',
    async ping() {
      sqlite.prepare('select 1').get()
    },
    async close() {
      await db.destroy()
    },
  }
}

function openPostgres(connectionString: string, poolSize: number): DatabaseHandle {
  const pool = new Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 })
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    dialect: 'postgres',
    async ping() {
      await pool.query('select 1')
    },
    async close() {
      await db.destroy()
    },
  }
}
