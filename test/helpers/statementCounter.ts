import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely'

import { agencyToday } from '../../server/clock'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { demoNoon, movableClock } from '../portal/portalTestApp'
import { createTestApp, type TestApp } from './testApp'
import { createTestDatabase } from './testDatabase'

// Every statement the app sends while it serves one request, by kind and table (issue 15's work per page and per
// webhook): a Kysely plugin that notes each statement while counting is on. Counts, never timings.

export interface Statement {
  kind: string
  table: string
}

function tableOf(node: RootOperationNode): string {
  const named = (table: unknown) => (table as { table?: { identifier?: { name?: string } } } | undefined)?.table?.identifier?.name
  if (node.kind === 'SelectQueryNode') return named(node.from?.froms[0]) ?? '?'
  if (node.kind === 'InsertQueryNode') return named(node.into) ?? '?'
  if (node.kind === 'UpdateQueryNode') return named(node.table) ?? '?'
  if (node.kind === 'DeleteQueryNode') return named(node.from.froms[0]) ?? '?'
  return '?'
}

export interface StatementCounter {
  /** Give the app a database handle with this plugin (`db.withPlugin(counter.plugin)`). */
  plugin: KyselyPlugin
  /** The statements sent while `work` runs. */
  statementsOf(work: () => Promise<unknown>): Promise<Statement[]>
}

export function statementCounter(): StatementCounter {
  const sent: Statement[] = []
  let counting = false
  const plugin: KyselyPlugin = {
    transformQuery({ node }): RootOperationNode {
      if (counting) sent.push({ kind: node.kind.replace('QueryNode', '').toLowerCase(), table: tableOf(node) })
      return node
    },
    async transformResult({ result }): Promise<QueryResult<UnknownRow>> {
      return result
    },
  }
  return {
    plugin,
    async statementsOf(work) {
      sent.length = 0
      counting = true
      try {
        await work()
      } finally {
        counting = false
      }
      return [...sent]
    },
  }
}

/** The real app over a throwaway database with the demo data, its statements counted by `counter`. */
export async function demoAppCountingStatements(counter: StatementCounter): Promise<TestApp> {
  const clock = movableClock(demoNoon)
  const database = await createTestDatabase()
  const testApp = await createTestApp({ clock, database: { ...database, db: database.db.withPlugin(counter.plugin) } })
  await loadDemoData(database.db, { ssnHmacKey: testApp.config.ssnHmacKey, today: agencyToday(clock) })
  return testApp
}
