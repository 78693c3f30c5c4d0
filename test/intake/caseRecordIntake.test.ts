import request from 'supertest'

import { fixedClock } from '../../server/clock'
import { ssnDigest } from '../../server/identity/ssnDigest'
import { createTestApp, type TestApp } from '../helpers/testApp'

// Issue 14: the case system's records of people and cases come in through intake like its ledger entries: a new
// person, a new case with its roles, an order, an enforcement change. Each is taken whole or refused with its reason;
// a repeat of its id changes nothing; the case-inquiry service reads what was taken.

const token = 'intake-records-test-token-0123456789abcdef'
let testApp: TestApp

beforeAll(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-12-02T18:00:00Z'), env: { INTAKE_TOKENS: `casesystem=${token}` } })
})
afterAll(() => testApp.close())

const send = (body: unknown) => request(testApp.app).post('/intake/v1/documents').set('Authorization', `Bearer ${token}`).send(body as object)
const count = async (table: 'participants' | 'cases' | 'case_roles' | 'orders' | 'enforcement' | 'intake_records') =>
  Number((await testApp.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const everything = async () => Promise.all((['participants', 'cases', 'case_roles', 'orders', 'enforcement', 'intake_records'] as const).map(count))

const caseNumber = '340000007001'
const payer = {
  type: 'participant', id: 'PAR-4000070011-v1', parId: '4000070011', firstName: 'Alma', lastName: 'Ruiz', dateOfBirth: '1985-04-02',
  ssn: '900-70-0011', language: 'es', phone: '+19165557001', email: 'alma.ruiz@example.com',
  address: { line1: '12 J St', city: 'Sacramento', state: 'CA', postalCode: '95814' }, employerName: 'Delta Freight',
  familyViolence: false,
}
const receiver = {
  type: 'participant', id: 'PAR-4000070012-v1', parId: '4000070012', firstName: 'Ben', lastName: 'Ruiz', dateOfBirth: '1984-08-09',
  ssn: '900700012', language: 'en', familyViolence: true,
}
const child = { type: 'participant', id: 'PAR-4000070013-v1', parId: '4000070013', firstName: 'Cora', lastName: 'Ruiz', dateOfBirth: '2015-06-01', ssn: '900-70-0013', language: 'es', familyViolence: false }
const caseDocument = {
  type: 'case', id: 'CASE-340000007001-v1', caseNumber, county: 'Sacramento', status: 'open', assistanceStatus: 'former',
  processingStage: 'enforcement', caseworkerName: 'J. Park', officeCode: 'SAC-2', openedOn: '2024-02-10',
  roles: [{ parId: '4000070011', role: 'paying' }, { parId: '4000070012', role: 'receiving' }, { parId: '4000070013', role: 'child' }],
}
const order = { type: 'order', id: 'ORD-7001-1', caseNumber, kind: 'child', monthlyCents: 42_500, effectiveFrom: '2024-03-01', courtCaseNumber: '24FL00123' }
const withholding = { type: 'enforcement', id: 'ENF-7001-1', caseNumber, parId: '4000070011', kind: 'income_withholding', status: 'active', changedOn: '2024-04-15', employerName: 'Delta Freight' }

describe('participants, cases, orders and enforcement through intake', () => {
  it('takes a new person, a case with its roles, an order and an enforcement action, in that order', async () => {
    const response = await send({ documents: [payer, receiver, child, caseDocument, order, withholding] })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ taken: 6, unchanged: 0, refused: 0 })

    const person = await testApp.database.db.selectFrom('participants').selectAll().where('par_id', '=', '4000070011').executeTakeFirstOrThrow()
    expect(person).toMatchObject({ first_name: 'Alma', language: 'es', ssn_last4: '0011', phone_primary: '+19165557001', city: 'Sacramento', family_violence: 0 })
    // The SSN is kept only as the keyed digest that activation matches against.
    expect(person.ssn_hmac).toBe(ssnDigest('900700011', testApp.config.ssnHmacKey))
    const stored = JSON.stringify(await testApp.database.db.selectFrom('intake_records').selectAll().execute())
    expect(stored).not.toContain('900-70-0011')

    const caseId = (await testApp.database.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()).id
    const roles = await testApp.database.db.selectFrom('case_roles').innerJoin('participants', 'participants.id', 'case_roles.participant_id')
      .select(['par_id', 'role']).where('case_id', '=', caseId).orderBy('par_id').execute()
    expect(roles).toEqual([{ par_id: '4000070011', role: 'paying' }, { par_id: '4000070012', role: 'receiving' }, { par_id: '4000070013', role: 'child' }])

    // The case-inquiry service reads it as it reads the demo data: the paying parent's case, its order, its withholding.
    const summary = await testApp.services.cases.getCaseSummary({ kind: 'parent', participantId: person.id }, caseId, 'web')
    expect(summary.caseNumber).toBe(caseNumber)
    const enforcement = await testApp.services.cases.getEnforcement({ kind: 'parent', participantId: person.id }, caseId, 'web')
    expect(enforcement.incomeWithholding).toMatchObject({ status: 'active', since: '2024-04-15', employerName: 'Delta Freight' })
  })

  it('changes nothing on a repeat, and refuses the same id with other content', async () => {
    const before = await everything()
    const again = await send({ documents: [payer, receiver, child, caseDocument, order, withholding] })
    expect(again.body).toMatchObject({ taken: 0, unchanged: 6, refused: 0 })
    // Key order, in nested objects too, does not make another document.
    const reordered = { ...payer, address: { postalCode: '95814', state: 'CA', city: 'Sacramento', line1: '12 J St' } }
    expect((await send(reordered)).body).toMatchObject({ unchanged: 1 })
    const changed = await send({ ...payer, firstName: 'Alba' })
    expect(changed.status).toBe(422)
    expect(changed.body.results[0].reason).toContain('already taken')
    expect(await everything()).toEqual(before)
  })

  it('replaces a person’s record with a newer document: a field left out is cleared', async () => {
    const moved = { ...payer, id: 'PAR-4000070011-v2', address: { line1: '400 Oak Ave', city: 'Elk Grove', state: 'CA', postalCode: '95624' }, employerName: undefined }
    expect((await send(moved)).body).toMatchObject({ taken: 1 })
    const person = await testApp.database.db.selectFrom('participants').selectAll().where('par_id', '=', '4000070011').executeTakeFirstOrThrow()
    expect(person).toMatchObject({ address_line1: '400 Oak Ave', city: 'Elk Grove', employer_name: null, first_name: 'Alma' })
    expect(await count('participants')).toBe(3)
  })

  it('a modified order ends the one before it; an enforcement change updates its action', async () => {
    const caseId = (await testApp.database.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()).id
    const modified = { type: 'order', id: 'ORD-7001-2', caseNumber, kind: 'child', monthlyCents: 38_000, effectiveFrom: '2026-12-01' }
    const ended = { ...withholding, id: 'ENF-7001-2', status: 'ended', changedOn: '2026-11-30', employerName: undefined }
    expect((await send({ documents: [modified, ended] })).body).toMatchObject({ taken: 2 })
    const orders = await testApp.database.db.selectFrom('orders').select(['monthly_cents', 'effective_from', 'effective_to']).where('case_id', '=', caseId).orderBy('effective_from').execute()
    expect(orders).toEqual([
      { monthly_cents: 42_500, effective_from: '2024-03-01', effective_to: '2026-11-30' },
      { monthly_cents: 38_000, effective_from: '2026-12-01', effective_to: null },
    ])
    const actions = await testApp.database.db.selectFrom('enforcement').select(['kind', 'status', 'started_on', 'status_changed_on', 'employer_name']).where('case_id', '=', caseId).execute()
    expect(actions).toEqual([{ kind: 'income_withholding', status: 'ended', started_on: '2024-04-15', status_changed_on: '2026-11-30', employer_name: 'Delta Freight' }])
  })

  it('a case document’s roles replace the case’s roles', async () => {
    const fewer = { ...caseDocument, id: 'CASE-340000007001-v2', roles: caseDocument.roles.filter((r) => r.role !== 'child') }
    expect((await send(fewer)).body).toMatchObject({ taken: 1 })
    const caseId = (await testApp.database.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()).id
    const roles = await testApp.database.db.selectFrom('case_roles').select('role').where('case_id', '=', caseId).orderBy('role').execute()
    expect(roles.map((r) => r.role)).toEqual(['paying', 'receiving'])
    expect((await send({ ...caseDocument, id: 'CASE-340000007001-v3' })).body).toMatchObject({ taken: 1 })
  })

  it.each([
    ['a participant without an SSN', { ...payer, id: 'P-X1', ssn: undefined }, 'ssn'],
    ['an SSN of eight digits', { ...payer, id: 'P-X2', ssn: '900-70-001' }, 'ssn'],
    ['a phone number outside the US', { ...payer, id: 'P-X3', phone: '+442071234567' }, 'phone'],
    ['income without a household size', { ...payer, id: 'P-X4', householdIncomeCents: 3_000_000 }, 'householdSize'],
    ['a case naming someone never sent', { ...caseDocument, id: 'C-X1', roles: [{ parId: '4999999991', role: 'paying' }] }, 'roles.0.parId: no participant'],
    ['a case with no roles', { ...caseDocument, id: 'C-X2', roles: [] }, 'roles'],
    ['a closed case still in enforcement', { ...caseDocument, id: 'C-X3', status: 'closed' }, 'processingStage'],
    ['an order for an unknown case', { ...order, id: 'O-X1', caseNumber: '349999999999' }, 'caseNumber: no case with that number'],
    ['an order ending before it starts', { ...order, id: 'O-X2', effectiveTo: '2024-01-01' }, 'effectiveTo'],
    ['a license status for withholding', { ...withholding, id: 'E-X1', status: 'suspended' }, 'status'],
    ['an action against the receiving parent', { ...withholding, id: 'E-X2', parId: '4000070012' }, 'parId: not the paying parent'],
    ['a change older than the one on record', { ...withholding, id: 'E-X3', changedOn: '2025-01-01', employerName: undefined }, 'changedOn'],
  ])('refuses %s with the reason, writing nothing', async (_name, document, reason) => {
    const before = await everything()
    const response = await send(document)
    expect(response.status).toBe(422)
    expect(response.body.results[0]).toMatchObject({ outcome: 'refused' })
    expect(response.body.results[0].reason).toContain(reason)
    expect(await everything()).toEqual(before)
  })
})
