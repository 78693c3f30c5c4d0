import type { Kysely } from 'kysely'

import type { SqlDialect } from '../dialect'

// Column shapes later migrations share. A migration is history and must not change once it has run anywhere; these
// helpers only ever gain new functions, never a changed one.

type CreateTable = ReturnType<Kysely<unknown>['schema']['createTable']>

/** An integer primary key the database numbers: serial on PostgreSQL, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite. */
export function withAutoIncrementId(dialect: SqlDialect, table: CreateTable): CreateTable {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
}
