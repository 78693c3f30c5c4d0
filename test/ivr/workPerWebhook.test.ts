import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely'

import { agencyToday } from '../../server/clock'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { demoNoon, movableClock } from '../portal/portalTestApp'
import { createTestApp, type TestApp } from '../helpers/testApp'
import { createTestDatabase } from '../helpers/testDatabase'
import { persona } from './helpers/callSteps'
import { SimulatedCall } from './helpers/simulatedCall'

// What one webhook of the phone line costs the database (issue 15): every statement the app sends while answering it,
// by kind and table, for the two webhooks the bench drives. A turn that reads the call twice, writes what it need not
// or loads the case more than once shows here. Counts, never timings.

interface Statement {
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

describe('the database work of one phone webhook', () => {
  let testApp: TestApp
  const sent: Statement[] = []
  let counting = false

  beforeAll(async () => {
    const clock = movableClock(demoNoon)
    const database = await createTestDatabase()
    const plugin: KyselyPlugin = {
      transformQuery({ node }): RootOperationNode {
        if (counting) sent.push({ kind: node.kind.replace('QueryNode', '').toLowerCase(), table: tableOf(node) })
        return node
      },
      async transformResult({ result }): Promise<QueryResult<UnknownRow>> {
        return result
      },
    }
    testApp = await createTestApp({ clock, database: { ...database, db: database.db.withPlugin(plugin) } })
    await loadDemoData(database.db, { ssnHmacKey: testApp.config.ssnHmacKey, today: agencyToday(clock) })
  }, 120_000)
  afterAll(() => testApp.close())

  async function statementsOf(turn: () => Promise<unknown>): Promise<Statement[]> {
    sent.length = 0
    counting = true
    try {
      await turn()
    } finally {
      counting = false
    }
    return [...sent]
  }

  it("the incoming call: the signature, the call's record written once and updated once, one caller lookup", async () => {
    const call = new SimulatedCall(testApp.app, testApp.config, '+19165550177')
    const statements = await statementsOf(() => call.dial())
    expect(call.last.gather?.action).toBe('/ivr/step/welcome')
    expect(statements).toEqual([
      { kind: 'insert', table: 'twilio_signatures' },
      // The new call's record, written and read back in one statement (no read before it, none after).
      { kind: 'insert', table: 'calls' },
      { kind: 'select', table: 'participants' },
      { kind: 'update', table: 'calls' },
    ])
  })

  it('the balance heard again mid-call: the call read once, the case read once, one audit row', async () => {
    const parent = persona('current-payer')
    const call = new SimulatedCall(testApp.app, testApp.config, parent.phone.callerId)
    await call.dial()
    await call.press('1')
    await call.press(parent.phone.pin)
    if (call.last.gather?.action === '/ivr/step/caseChoice') await call.press('1')
    await call.press('1')
    expect(call.last.gather?.action).toBe('/ivr/step/afterAnswer')
    const statements = await statementsOf(() => call.press('1'))
    expect(call.last.gather?.action).toBe('/ivr/step/afterAnswer')
    expect(statements).toEqual([
      { kind: 'insert', table: 'twilio_signatures' },
      { kind: 'select', table: 'calls' },
      // The case-inquiry service's one reading of the case: access (the caller's roles, the case), then its facts.
      { kind: 'select', table: 'case_roles' },
      { kind: 'select', table: 'cases' },
      { kind: 'select', table: 'case_roles' },
      { kind: 'select', table: 'orders' },
      { kind: 'select', table: 'ledger' },
      { kind: 'select', table: 'enforcement' },
      { kind: 'select', table: 'events' },
      { kind: 'select', table: 'participants' },
      { kind: 'insert', table: 'audit_events' },
      { kind: 'update', table: 'calls' },
    ])
  })
})
