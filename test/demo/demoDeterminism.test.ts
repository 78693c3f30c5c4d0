// The demo is the same on every start for the same day (apart from Argon2 salts), moves with the day it is started,
// and loads once.
import { withStartupLock } from '../../server/db/migrate'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { demoPersonas, personasReport } from '../../server/demo/personas'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { dumpTables, testSsnKey } from './demoLookups'

/** Salted hashes differ on every load by design; everything else must not. */
function withoutHashes(dump: Record<string, unknown[]>) {
  const strip = (row: unknown) => {
    const { password_hash: _password, pin_hash: _pin, ...rest } = row as Record<string, unknown>
    return { ...rest, hashed: [_password, _pin].map((h) => (typeof h === 'string' ? h.startsWith('$argon2id$') : h)) }
  }
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map(strip)]))
}

async function loadedOn(today: string) {
  const database = await createTestDatabase()
  try {
    await loadDemoData(database.db, { ssnHmacKey: testSsnKey, today })
    return await dumpTables(database.db)
  } finally {
    await database.close()
  }
}

describe('demo data', () => {
  it('is identical, row for row, when loaded twice for the same day', async () => {
    const first = await loadedOn('2025-12-31')
    const second = await loadedOn('2025-12-31')
    expect(first.ledger!.length).toBeGreaterThan(1000)
    expect(withoutHashes(second)).toEqual(withoutHashes(first))
  })

  it('counts its dates from the day it is started', async () => {
    const [early, late] = await Promise.all([loadedOn('2025-12-31'), loadedOn('2026-06-30')])
    const hearing = (dump: Record<string, unknown[]>) =>
      (dump.events as Array<{ topic: string; scheduled_for: string }>).find((e) => e.topic.startsWith('Request to modify'))!
    expect(hearing(early).scheduled_for.startsWith('2026-01')).toBe(true)
    expect(hearing(late).scheduled_for.startsWith('2026-07')).toBe(true)
  })

  describe('loading', () => {
    let database: TestDatabase
    beforeEach(async () => {
      database = await createTestDatabase()
    })
    afterEach(async () => {
      await database.close()
    })

    it('loads once: a second start finds participants and adds nothing', async () => {
      const options = { ssnHmacKey: testSsnKey, today: '2026-02-02' }
      expect(await withStartupLock(database.db, database.dialect, (trx) => loadDemoData(trx, options))).toEqual({ loaded: true })
      const before = await dumpTables(database.db)
      expect(await withStartupLock(database.db, database.dialect, (trx) => loadDemoData(trx, options))).toEqual({ loaded: false })
      expect(await dumpTables(database.db)).toEqual(before)
    })

    it('leaves a database that already has participants alone', async () => {
      await database.db.insertInto('participants').values({
        par_id: '1234567890', first_name: 'Real', last_name: 'Person', date_of_birth: '1980-01-01', ssn_hmac: 'x',
        ssn_last4: '0000', phone_primary: null, phone_mobile: null, email: null, language: 'en', address_line1: null,
        address_line2: null, city: null, state: null, postal_code: null, employer_name: null, household_income_cents: null,
        household_size: null, released_from_incarceration_on: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
      }).execute()
      expect(await loadDemoData(database.db, { ssnHmacKey: testSsnKey, today: '2026-02-02' })).toEqual({ loaded: false })
      expect(await database.db.selectFrom('cases').select('id').execute()).toEqual([])
    })
  })
})

describe('personas', () => {
  it('are the same on every call, with no database and no clock', () => {
    expect(JSON.stringify(personasReport())).toBe(JSON.stringify(personasReport()))
    expect(demoPersonas()).toEqual(demoPersonas())
  })
})
