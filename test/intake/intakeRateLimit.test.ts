import request from 'supertest'

import { fixedClock } from '../../server/clock'
import { createTestApp, type TestApp } from '../helpers/testApp'
import { addCase } from '../identity/identityFixtures'

// Issue 14: a source that floods the intake API is told to wait (429 with Retry-After) and nothing past its limit is
// written. The count is one atomic increment per request in the application's database (rate_limits), so requests
// sent all at once are each counted: of 40 at once with a limit of 7, exactly 7 get through, on either database.

const token = 'intake-flood-test-token-0123456789abcdef'
const otherToken = 'intake-other-test-token-0123456789abcdef'
const caseNumber = '340000008001'
let testApp: TestApp

beforeAll(async () => {
  testApp = await createTestApp({
    clock: fixedClock('2026-12-02T18:00:00Z'),
    env: { INTAKE_TOKENS: `casesystem=${token},courts=${otherToken}`, RATE_LIMITS: 'intakeSource=7/60' },
  })
  await addCase(testApp.database, caseNumber)
})
afterAll(() => testApp.close())

const payment = (n: number) => ({ type: 'payment', id: `PMT-8001-${n}`, caseNumber, postedOn: '2026-11-20', amountCents: 1_000 + n, method: 'mail' })
const send = (bearer: string, body: unknown) => request(testApp.app).post('/intake/v1/documents').set('Authorization', `Bearer ${bearer}`).send(body as object)

it('answers 429 past the limit to requests sent at once, counting each, and writes only what got through', async () => {
  const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => send(token, payment(n))))
  const statuses = answers.map((a) => a.status)
  expect(statuses.filter((s) => s === 200)).toHaveLength(7)
  expect(statuses.filter((s) => s === 429)).toHaveLength(33)
  const refused = answers.find((a) => a.status === 429)!
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
  expect(refused.body).toMatchObject({ error: 'too many requests' })
  const ledger = await testApp.database.db.selectFrom('ledger').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  expect(Number(ledger.n)).toBe(7)
  // The counter lives in the database, where every process of the app counts.
  const counters = await testApp.database.db.selectFrom('rate_limits').select(['key', 'points']).where('key', 'like', 'intakeSource%').execute()
  expect(counters).toHaveLength(1)
  expect(Number(counters[0]!.points)).toBe(40)
})

it('counts each source on its own, and a wrong token is still 401, not 429', async () => {
  expect((await send(otherToken, payment(100))).status).toBe(200)
  expect((await send('wrong-token', payment(101))).status).toBe(401)
  expect((await send(token, payment(102))).status).toBe(429)
})
