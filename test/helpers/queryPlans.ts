// "Every parent-facing and console query stays on an index" (DESIGN.md §7, issue 15): a test runs the services over a
// database wrapped by `captureQueries`, then asks the database for the plan of every statement they sent. SQLite answers
// with its query plan (a `SCAN` of a table is a full scan); PostgreSQL plans a test's tiny tables with sequential scans
// whatever their indexes, so it is asked with sequential scans priced out of reach (`enable_seqscan = off`, which
// still gives a sequential scan where no index can serve the query).
import { CompiledQuery, type Kysely, type KyselyPlugin, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely'

import type { Database } from '../../server/db/schema'
import type { TestDatabase } from './testDatabase'

export interface QueryCapture {
  /** The database the services under test are given. */
  db: Kysely<Database>
  /** Every SELECT, UPDATE and DELETE sent through `db` since the last `clear()`. */
  captured: CompiledQuery[]
  clear(): void
}

export function captureQueries(database: TestDatabase): QueryCapture {
  const captured: CompiledQuery[] = []
  const executor = database.db.getExecutor()
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }): RootOperationNode {
      if (node.kind === 'SelectQueryNode' || node.kind === 'UpdateQueryNode' || node.kind === 'DeleteQueryNode') {
        captured.push(executor.compileQuery(node, queryId))
      }
      return node
    },
    async transformResult({ result }): Promise<QueryResult<UnknownRow>> {
      return result
    },
  }
  return { db: database.db.withPlugin(plugin), captured, clear: () => void (captured.length = 0) }
}

interface PostgresPlanNode {
  'Node Type': string
  'Relation Name'?: string
  Plans?: PostgresPlanNode[]
}

function sequentialScans(node: PostgresPlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' ? [`Seq Scan on ${node['Relation Name'] ?? '?'}`] : []
  return [...own, ...(node.Plans ?? []).flatMap(sequentialScans)]
}

/** Each statement's scans of a whole table, as `what ← the statement`; empty when every one is on an index. */
export async function fullTableScans(database: TestDatabase, queries: readonly CompiledQuery[]): Promise<string[]> {
  const scans: string[] = []
  const distinct = new Map(queries.map((q) => [`${q.sql}\u0000${JSON.stringify(q.parameters)}`, q]))
  for (const query of distinct.values()) {
    if (database.dialect === 'sqlite') {
      const plan = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]))
      for (const { detail } of plan.rows) {
        if (/^SCAN /.test(detail) && !/CONSTANT ROW/.test(detail)) scans.push(`${detail} ← ${query.sql}`)
      }
    } else {
      const plan = await database.db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'))
        return trx.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PostgresPlanNode }> }>(
          CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
        )
      })
      const root = plan.rows[0]!['QUERY PLAN'][0]!.Plan
      for (const scan of sequentialScans(root)) scans.push(`${scan} ← ${query.sql}`)
    }
  }
  return scans
}
