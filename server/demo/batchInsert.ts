// Multi-row inserts sized to stay under the bound-parameter limit of both databases (SQLite 32,766 in the build we
// ship, PostgreSQL 65,535): one statement per chunk instead of one per row is what makes loading fast.
import { CompiledQuery, type Insertable, type Kysely } from 'kysely'

import type { SqlDialect } from '../db/dialect'
import type { Database } from '../db/schema'

const MAX_PARAMETERS = 30_000
/** Past a few hundred rows a statement gets no faster, only longer to build. */
const MAX_ROWS = 500

type TableName = keyof Database & string

/** One table's rows as values, row after row, in the order of `columns`; null where a row has no value. */
export interface BulkRows {
  table: TableName
  columns: string[]
  values: unknown[]
}

function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)))
}

/** Through the query builder: for the demo's few thousand rows, where type checking matters more than speed. */
export async function insertInChunks<T extends TableName>(
  db: Kysely<Database>,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
): Promise<void> {
  const first = rows[0]
  if (!first) return
  const perChunk = rowsPerStatement(Object.keys(first).length)
  for (let start = 0; start < rows.length; start += perChunk) {
    // Kysely cannot narrow a table chosen by a type parameter; the rows are typed for that table above.
    await db
      .insertInto(table)
      .values(rows.slice(start, start + perChunk) as never)
      .execute()
  }
}

/**
 * The same inserts as SQL text built once per statement size, for the synthetic seed's tens of millions of rows:
 * the query builder's per-value work cost a third of the insert time.
 * On PostgreSQL a whole chunk goes in one statement, a column a parameter (`insert … select * from unnest($1::int[],
 * …)`): thousands of bound parameters a statement cost the server more to parse and bind than to write.
 */
export class BulkInserter {
  private readonly statements = new Map<string, string>()
  private readonly columnTypes = new Map<string, Map<string, string>>()

  constructor(private readonly dialect: SqlDialect) {}

  /** Rows given as their values, row after row in `columns` order (how the synthetic worker sends them). */
  async insertRows(db: Kysely<Database>, { table, columns, values }: BulkRows): Promise<void> {
    const rowCount = columns.length === 0 ? 0 : values.length / columns.length
    if (rowCount === 0) return
    if (this.dialect === 'postgres') return this.insertByColumns(db, table, columns, values, rowCount)
    const perChunk = rowsPerStatement(columns.length)
    for (let start = 0; start < rowCount; start += perChunk) {
      const count = Math.min(perChunk, rowCount - start)
      const parameters = values.slice(start * columns.length, (start + count) * columns.length)
      await db.executeQuery(CompiledQuery.raw(this.statement(table, columns, count), parameters))
    }
  }

  private async insertByColumns(db: Kysely<Database>, table: string, columns: string[], values: readonly unknown[], rowCount: number) {
    const types = await this.typesOf(db, table)
    const key = `${table}:${columns.join(',')}:unnest`
    let text = this.statements.get(key)
    if (!text) {
      const arrays = columns.map((column, index) => {
        const type = types.get(column)
        if (!type) throw new Error(`${table} has no column ${column}`)
        return `$${index + 1}::${type}[]`
      })
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select * from unnest(${arrays.join(', ')})`
      this.statements.set(key, text)
    }
    const parameters = columns.map((_column, c) => {
      const column: unknown[] = new Array(rowCount)
      for (let r = 0; r < rowCount; r++) column[r] = values[r * columns.length + c]
      return column
    })
    await db.executeQuery(CompiledQuery.raw(text, parameters))
  }

  /** Each column's type as PostgreSQL names it (`integer`, `text`, `timestamp with time zone`), read once a table. */
  private async typesOf(db: Kysely<Database>, table: string): Promise<Map<string, string>> {
    let types = this.columnTypes.get(table)
    if (!types) {
      const { rows } = await db.executeQuery<{ name: string; type: string }>(
        CompiledQuery.raw(
          `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
           where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
          [table],
        ),
      )
      types = new Map(rows.map((row) => [row.name, row.type]))
      this.columnTypes.set(table, types)
    }
    return types
  }

  private statement(table: string, columns: string[], rowCount: number): string {
    const key = `${table}:${columns.join(',')}:${rowCount}`
    let text = this.statements.get(key)
    if (!text) {
      let parameter = 0
      const placeholder = () => (this.dialect === 'postgres' ? `$${++parameter}` : '?')
      const tuples = Array.from({ length: rowCount }, () => `(${columns.map(placeholder).join(', ')})`)
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`
      this.statements.set(key, text)
    }
    return text
  }
}
