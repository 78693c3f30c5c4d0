import type { TestApp } from '../helpers/testApp'
import { demoAppCountingStatements, statementCounter } from '../helpers/statementCounter'
import { persona } from './helpers/callSteps'
import { SimulatedCall } from './helpers/simulatedCall'

// What one webhook of the phone line costs the database (issue 15): every statement the app sends while answering it,
// by kind and table, for the two webhooks the bench drives. A turn that reads the call twice, writes what it need not
// or loads the case more than once shows here. Counts, never timings.

describe('the database work of one phone webhook', () => {
  let testApp: TestApp
  const counter = statementCounter()

  beforeAll(async () => {
    testApp = await demoAppCountingStatements(counter)
  }, 120_000)
  afterAll(() => testApp.close())

  const statementsOf = (turn: () => Promise<unknown>) => counter.statementsOf(turn)

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
