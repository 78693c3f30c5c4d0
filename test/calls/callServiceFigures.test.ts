import { createCallService } from '../../server/calls/callService'
import { fixedClock } from '../../server/clock'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

// The service's figures read the calls of the period from the database, at the agency's midnights.

let database: TestDatabase
const sid = (n: number) => `CA${String(n).padStart(32, '0')}`

beforeAll(async () => {
  database = await createTestDatabase()
  const insert = (n: number, language: 'en' | 'es', outcome: 'resolved_by_phone' | 'transferred' | 'in_progress', startedAt: string) =>
    database.db
      .insertInto('calls')
      .values({
        call_sid: sid(n), from_number: null, language, participant_id: null, identified: 0, path: '[]', state: '{}',
        outcome, started_at: startedAt, updated_at: startedAt, ended_at: null, duration_seconds: null,
      })
      .execute()
  await insert(1, 'en', 'resolved_by_phone', '2026-03-02T08:00:00.000Z') // Monday 00:00 Pacific: in
  await insert(2, 'es', 'transferred', '2026-03-03T18:00:00.000Z')
  await insert(3, 'es', 'in_progress', '2026-03-04T18:00:00.000Z')
  await insert(4, 'en', 'transferred', '2026-03-02T07:59:59.000Z') // Sunday 23:59:59 Pacific: out
  await insert(5, 'en', 'transferred', '2026-03-07T08:00:00.000Z') // Saturday 00:00 Pacific: out
})
afterAll(() => database.close())

it('counts the calls started in the period, by language', async () => {
  const service = createCallService({ db: database.db, clock: fixedClock('2026-03-11T19:00:00Z') })
  const figures = await service.supervisorFigures({ from: '2026-03-02', to: '2026-03-06' })
  expect(figures.overall).toMatchObject({ calls: 3, ended: 2, inProgress: 1, resolvedByPhone: 1, shareResolvedByPhone: 0.5 })
  expect(figures.byLanguage.en).toMatchObject({ calls: 1, shareResolvedByPhone: 1 })
  expect(figures.byLanguage.es).toMatchObject({ calls: 2, ended: 1, transferred: 1, shareResolvedByPhone: 0 })
})
