import { alertOutbox, enqueueAlert } from '../../server/alerts/alertOutbox'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent } from '../identity/identityFixtures'

// A claim takes at most its batch: the delivery worker's hold is sized for one batch, and a claim that took every due
// row (as PostgreSQL did when the locking subquery sat in `id IN (…)`) held them past the hold, so a second worker took
// the same rows again and sent them twice. On both databases.

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.close())

it('claims no more than the limit, and the next claim takes the next rows', async () => {
  const caseId = await addCase(database, '340000009101')
  const participantId = await addParent(database, { parId: '4100009101', ssnLast4: '0000', dateOfBirth: '1980-01-01', caseId, role: 'paying' })
  const now = new Date('2026-12-02T20:00:00Z')
  for (let n = 0; n < 50; n++) {
    await enqueueAlert(database.db, { participantId, channel: 'text', kind: 'payment_posted', language: 'en', destination: `+1916710${String(n).padStart(4, '0')}`, details: {}, dedupeKey: `limit:${n}` }, now)
  }
  const outbox = alertOutbox(database.db, database.dialect)
  const first = await outbox.claimDue(['text', 'email'], now, 10, 60_000)
  expect(first).toHaveLength(10)
  const held = await database.db.selectFrom('alert_outbox').select('id').where('claim_token', 'is not', null).execute()
  expect(held).toHaveLength(10)
  const [second, third] = await Promise.all([outbox.claimDue(['text'], now, 10, 60_000), outbox.claimDue(['text'], now, 10, 60_000)])
  const ids = [...first, ...second!, ...third!].map((a) => a.id)
  expect(second).toHaveLength(10)
  expect(third).toHaveLength(10)
  expect(new Set(ids).size).toBe(30)
})
