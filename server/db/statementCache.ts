import type SQLite from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/** Enough for every statement the app writes; lists of varying length make more, so the cache is bounded. */
const maxStatements = 1_000

/**
 * Kysely's SQLite driver prepares every statement again on every execution, and preparing was a twentieth of a page's
 * CPU time. The app sends a few hundred distinct statements, so each is prepared once and kept: a better-sqlite3
 * statement is reusable, and SQLite re-prepares it by itself if the schema changes. (Kysely only iterates a statement
 * when streaming, which the app never does; a reused statement cannot be busy.)
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql)
      if (!statement) {
        if (statements.size >= maxStatements) statements.clear()
        statement = sqlite.prepare(sql)
        statements.set(sql, statement)
      }
      return statement
    },
  }
}
