import { pathTo, portalPaths } from '../../server/portal/paths'
import type { TestApp } from '../helpers/testApp'
import { demoAppCountingStatements, statementCounter, type Statement } from '../helpers/statementCounter'
import { persona, personas, signedInAgent } from './portalTestApp'

// What one view of a signed-in page costs the database (issue 15): every statement the app sends while serving it,
// counted by kind and table. A page that reads the same thing twice, writes on every view, or asks once per case
// what one query can answer shows here. Counts, never timings.

describe('the database work of one view of a signed-in page', () => {
  let testApp: TestApp
  const counter = statementCounter()

  beforeAll(async () => {
    testApp = await demoAppCountingStatements(counter)
  }, 120_000)
  afterAll(() => testApp.close())

  /** A persona on two cases, one paying and one receiving. */
  const twoCases = personas.find((p) => p.cases.length >= 2 && p.activation.activated)!

  const statementsOf = (agent: Awaited<ReturnType<typeof signedInAgent>>, path: string) => counter.statementsOf(() => agent.get(path).expect(200))

  const writes = (statements: Statement[]) => statements.filter((s) => s.kind !== 'select')
  const readsOf = (statements: Statement[], table: string) => statements.filter((s) => s.kind === 'select' && s.table === table).length

  it('the dashboard: one audit row for every case it shows, nothing else written, one read of the roles with the cases', async () => {
    const agent = await signedInAgent(testApp.app, twoCases)
    await agent.get('/account').expect(200) // the first view after signing in may record the session's activity
    const statements = await statementsOf(agent, '/account')
    expect(writes(statements)).toEqual([{ kind: 'insert', table: 'audit_events' }])
    // The parent's roles and their cases in one query, then each case's parties; no access check again per case.
    expect(readsOf(statements, 'case_roles')).toBe(1 + twoCases.cases.length)
    expect(readsOf(statements, 'cases')).toBe(0)
    expect(readsOf(statements, 'ledger')).toBe(twoCases.cases.length)
    expect(readsOf(statements, 'security_notices')).toBe(1)
    expect(statements.length).toBeLessThanOrEqual(4 + 7 * twoCases.cases.length)
  })

  it('the forms that name the parent’s cases (callback, message, documents, a change, alerts): one read of the roles with the cases, nothing written', async () => {
    const agent = await signedInAgent(testApp.app, twoCases)
    await agent.get('/account').expect(200)
    for (const form of [portalPaths.requestCallback, portalPaths.newMessage, portalPaths.documentRequests, portalPaths.reportJob, portalPaths.alerts]) {
      const statements = await statementsOf(agent, form)
      expect(writes(statements)).toEqual([])
      expect(readsOf(statements, 'case_roles')).toBe(1)
      expect(readsOf(statements, 'ledger')).toBe(0)
    }
  })

  it('the payments page: one access check, one audit row, the years and the chosen page from the ledger', async () => {
    const agent = await signedInAgent(testApp.app, twoCases)
    const dashboard = (await agent.get('/account').expect(200)).text
    const caseId = Number(/href="\/account\/cases\/(\d+)"/.exec(dashboard)![1])
    const statements = await statementsOf(agent, pathTo('payments', { caseId }))
    expect(writes(statements)).toEqual([{ kind: 'insert', table: 'audit_events' }])
    expect(readsOf(statements, 'case_roles')).toBe(1)
    expect(readsOf(statements, 'cases')).toBe(1)
    // The years' sums, the page and the chosen year's sums; no replay of the whole ledger.
    expect(readsOf(statements, 'ledger')).toBe(3)
  })

  it('a case page: one access check, one load of the case, one audit row', async () => {
    const who = persona('current-payer')
    const agent = await signedInAgent(testApp.app, who)
    await agent.get('/account').expect(200)
    const caseId = (await testApp.database.db
      .selectFrom('case_roles')
      .innerJoin('participants', 'participants.id', 'case_roles.participant_id')
      .select('case_roles.case_id')
      .where('participants.par_id', '=', who.phone.parId)
      .where('case_roles.role', '=', 'paying')
      .executeTakeFirstOrThrow()).case_id
    const statements = await statementsOf(agent, pathTo('casePage', { caseId }))
    expect(writes(statements)).toEqual([{ kind: 'insert', table: 'audit_events' }])
    expect(readsOf(statements, 'cases')).toBe(1)
    expect(readsOf(statements, 'ledger')).toBe(1)
  })
})
