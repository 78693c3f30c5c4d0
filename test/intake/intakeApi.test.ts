import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import request from 'supertest'

import { fixedClock } from '../../server/clock'
import { describeLine, takeBatchFile } from '../../server/intake/intakeBatch'
import { createTestApp, type TestApp } from '../helpers/testApp'
import { addCase, addParent } from '../identity/identityFixtures'

// Issue 14: the case system's documents come in through an authenticated API (and a batch file), each recognised by
// its own id so a repeat changes nothing, each refused with its reason when it does not fit, nothing half-written;
// and what comes in is what the case-inquiry service (every page and every call) shows from then on.

const token = 'intake-test-token-0123456789abcdefghijkl'
const otherToken = 'other-source-token-0123456789abcdefghij'
const caseNumber = '340000000555'

let testApp: TestApp
let caseId: number
let payingId: number
let receivingId: number

beforeAll(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-12-02T18:00:00Z'), env: { INTAKE_TOKENS: `casesystem=${token},audit=${otherToken}` } })
  caseId = await addCase(testApp.database, caseNumber)
  payingId = await addParent(testApp.database, { parId: '4000000551', ssnLast4: '1111', dateOfBirth: '1980-01-01', caseId, role: 'paying' })
  receivingId = await addParent(testApp.database, { parId: '4000000552', ssnLast4: '2222', dateOfBirth: '1982-02-02', caseId, role: 'receiving' })
  await testApp.database.db
    .insertInto('orders')
    .values({ case_id: caseId, kind: 'child', monthly_cents: 50_000, effective_from: '2026-11-01', effective_to: null, court_case_number: null })
    .execute()
})
afterAll(() => testApp.close())

const send = (body: unknown, bearer: string | null = token) => {
  const req = request(testApp.app).post('/intake/v1/documents')
  return (bearer ? req.set('Authorization', `Bearer ${bearer}`) : req).send(body as object)
}
const ledgerCount = async () => Number((await testApp.database.db.selectFrom('ledger').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow()).n)

const charge = { type: 'charge', id: 'CHG-555-2026-11', caseNumber, dueOn: '2026-11-01', orderKind: 'child', amountCents: 50_000, owedTo: 'family' }
const payment = { type: 'payment', id: 'PMT-555-0001', caseNumber, postedOn: '2026-12-01', amountCents: 30_000, method: 'sdu_online' }
const payout = { type: 'payout', id: 'DSB-555-0001', caseNumber, paidOn: '2026-12-02', amountCents: 30_000, method: 'direct_deposit', paymentId: 'PMT-555-0001' }

describe('the intake API', () => {
  it('refuses a request without a valid bearer token (401) and writes nothing', async () => {
    for (const bearer of [null, 'wrong-token', `${token}x`]) {
      const response = await send(payment, bearer)
      expect(response.status).toBe(401)
      expect(response.headers['www-authenticate']).toBe('Bearer realm="intake"')
    }
    const cookie = await request(testApp.app).post('/intake/v1/documents').set('Cookie', 'portal.sid=anything').send(payment)
    expect(cookie.status).toBe(401)
    expect(await ledgerCount()).toBe(0)
  })

  it('takes a charge, a payment and its payout, and the case-inquiry service shows them to both parents', async () => {
    const response = await send({ documents: [charge, payment, payout] })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ taken: 3, unchanged: 0, refused: 0 })

    const summary = await testServices().cases.getCaseSummary({ kind: 'parent', participantId: payingId }, caseId, 'phone')
    expect(summary.lastPayment).toMatchObject({ postedOn: '2026-12-01', amountCents: 30_000, method: 'sdu_online' })
    expect(summary.balances).toBeDefined()
    const receiving = await testServices().cases.getCaseSummary({ kind: 'parent', participantId: receivingId }, caseId, 'web')
    expect(receiving.receiving?.lastDisbursement).toMatchObject({ postedOn: '2026-12-02', amountCents: 30_000 })
  })

  it('recognises a repeat by its id: unchanged, nothing written twice', async () => {
    const before = await ledgerCount()
    const response = await send({ documents: [payment, { ...payment, amountCents: payment.amountCents }] })
    expect(response.body).toMatchObject({ taken: 0, unchanged: 2, refused: 0 })
    expect(await ledgerCount()).toBe(before)
    // Key order does not make it another document.
    const reordered = Object.fromEntries(Object.entries(payment).reverse())
    expect((await send(reordered)).body).toMatchObject({ unchanged: 1 })
  })

  it('refuses the same id with other content, and counts ids per source', async () => {
    const changed = await send({ ...payment, amountCents: 99_900 })
    expect(changed.status).toBe(422)
    expect(changed.body.results[0]).toMatchObject({ outcome: 'refused', id: payment.id, reason: expect.stringContaining('already taken') })
    // Another source's id space is its own.
    expect((await send({ ...payment, id: 'PMT-555-0001' }, otherToken)).body).toMatchObject({ taken: 1 })
  })

  it.each([
    ['an unknown case', { ...payment, id: 'PMT-X1', caseNumber: '349999999999' }, 'caseNumber: no case with that number'],
    ['a malformed case number', { ...payment, id: 'PMT-X2', caseNumber: '34-5' }, 'caseNumber'],
    ['a negative payment', { ...payment, id: 'PMT-X3', amountCents: -5 }, 'amountCents'],
    ['cents as a string', { ...payment, id: 'PMT-X4', amountCents: '300.00' }, 'amountCents'],
    ['an impossible date', { ...payment, id: 'PMT-X5', postedOn: '2026-02-30' }, 'postedOn'],
    ['an unknown method', { ...payment, id: 'PMT-X6', method: 'bitcoin' }, 'method'],
    ['an unknown field', { ...payment, id: 'PMT-X7', note: 'hi' }, 'note'],
    ['an unknown type', { type: 'wire', id: 'W-1', caseNumber }, 'type'],
    ['a payout of a payment never sent', { ...payout, id: 'DSB-X8', paymentId: 'PMT-NEVER' }, 'paymentId'],
    ['a charge not on the 1st', { ...charge, id: 'CHG-X9', dueOn: '2026-11-15' }, 'dueOn'],
    ['an event for someone not on the case', { type: 'event', id: 'EVT-X10', caseNumber, kind: 'hearing', scheduledFor: '2027-01-15T17:30:00Z', topic: 'Review', status: 'scheduled', parId: '4999999999' }, 'parId'],
    ['a hearing without a zone', { type: 'event', id: 'EVT-X11', caseNumber, kind: 'hearing', scheduledFor: '2027-01-15T17:30:00', topic: 'Review', status: 'scheduled' }, 'scheduledFor'],
    ['no id', { ...payment, id: undefined }, 'id'],
  ])('refuses %s with the reason, writing nothing', async (_name, document, reason) => {
    const before = await ledgerCount()
    const response = await send(document)
    expect(response.status).toBe(422)
    expect(response.body.results[0].outcome).toBe('refused')
    expect(response.body.results[0].reason).toContain(reason)
    expect(await ledgerCount()).toBe(before)
  })

  it('answers a body that is not JSON, an empty or oversized batch, in JSON', async () => {
    const broken = await request(testApp.app).post('/intake/v1/documents').set('Authorization', `Bearer ${token}`).type('json').send('{"type": "payment",')
    expect(broken.status).toBe(400)
    expect(broken.body).toEqual({ error: 'the body is not valid JSON' })
    expect((await send({ documents: [] })).status).toBe(400)
    expect((await send({ documents: Array.from({ length: 501 }, () => payment) })).status).toBe(400)
  })

  it('takes a document sent twice at once exactly once', async () => {
    const before = await ledgerCount()
    const document = { ...payment, id: 'PMT-555-RACE', postedOn: '2026-12-02', amountCents: 1_000 }
    const answers = await Promise.all(Array.from({ length: 8 }, () => send(document)))
    const outcomes = answers.map((a) => a.body.results[0].outcome).sort()
    expect(outcomes.filter((o: string) => o === 'taken')).toHaveLength(1)
    expect(outcomes.filter((o: string) => o === 'unchanged')).toHaveLength(7)
    expect(await ledgerCount()).toBe(before + 1)
  })

  it('takes a hearing and a document request as the case’s events', async () => {
    const events = [
      { type: 'event', id: 'EVT-555-1', caseNumber, kind: 'hearing', scheduledFor: '2027-01-15T17:30:00Z', topic: 'Order review', location: 'Department 12', status: 'scheduled' },
      { type: 'event', id: 'EVT-555-2', caseNumber, kind: 'document_request', scheduledFor: '2027-01-05', topic: 'Income and expense declaration (FL-150)', status: 'requested', parId: '4000000551' },
    ]
    expect((await send({ documents: events })).body).toMatchObject({ taken: 2 })
    const rows = await testApp.database.db.selectFrom('events').select(['kind', 'participant_id', 'status']).where('case_id', '=', caseId).orderBy('id').execute()
    expect(rows).toEqual([
      { kind: 'hearing', participant_id: null, status: 'scheduled' },
      { kind: 'document_request', participant_id: payingId, status: 'requested' },
    ])
  })
})

describe('a batch file', () => {
  it('reports line by line what was taken, unchanged and refused', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'intake-'))
    const file = path.join(folder, 'batch.jsonl')
    const lines = [
      JSON.stringify({ ...payment, id: 'PMT-555-B1', postedOn: '2026-11-20', amountCents: 5_000 }),
      '',
      JSON.stringify(payment),
      '{"type": "payment", ',
      JSON.stringify({ ...payment, id: 'PMT-555-B2', caseNumber: '349999999999' }),
    ]
    fs.writeFileSync(file, lines.join('\n') + '\n')
    const reported: string[] = []
    const summary = await takeBatchFile(file, 'casesystem', testServices().intake, (line) => reported.push(describeLine(line)))
    fs.rmSync(folder, { recursive: true })
    expect(summary).toEqual({ taken: 1, unchanged: 1, refused: 2 })
    expect(reported).toEqual([
      'line 1: taken payment PMT-555-B1',
      'line 3: unchanged payment PMT-555-0001',
      'line 4: refused: not valid JSON',
      'line 5: refused PMT-555-B2: caseNumber: no case with that number',
    ])
  })
})

function testServices() {
  return testApp.services
}
