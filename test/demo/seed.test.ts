// `npm run seed`: a synthetic caseload whose ledgers hang together, that refuses to write over data unless forced,
// and whose accounts sign in with the one shared password.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import SQLite from 'better-sqlite3'
import { sql } from 'kysely'

import { addMonths } from '../../server/agencyTime/calendarDates'
import { projectRoot } from '../../server/config'
import { verifySecret } from '../../server/identity/secretHashing'
import { SeedRefusedError, SYNTHETIC_PASSWORD, seedDatabase } from '../../server/demo/seedDatabase'
import { generateSyntheticChunk } from '../../server/demo/syntheticCases'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/testDatabase'
import { testSsnKey } from './demoLookups'

const today = '2026-01-15'
const demoCases = 12

// Every key sorted, so the digest holds the rows' contents and not the order their keys were written in.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
}

describe('the synthetic generator', () => {
  it('writes the same rows for the same seed and day as it always has (a faster seed must not change the caseload)', () => {
    const ids = { participant: 1, case: 1, order: 1, ledger: 1, enforcement: 1 }
    const context = { today, ssnHmacKey: 'synthetic-digest-test-key-0123456789', seed: 20_240_601, passwordHash: 'pw', pinHash: 'pin' }
    const chunk = generateSyntheticChunk(40, ids, context)
    // Taken from the generator before the seed was made faster (December 2026); the whole-database checksum at
    // 1,000 cases was compared before and after too.
    expect(createHash('sha256').update(JSON.stringify(canonical(chunk))).digest('hex')).toBe(
      'd18e05a035c6352a745139dcbec70eec7d3912c62bc8624bfceb9bae3b6d9871',
    )
    expect(ids).toEqual({ participant: 149, case: 41, order: 45, ledger: 3233, enforcement: 43 })
  })
})

describe('seedDatabase', () => {
  let database: TestDatabase
  /** Every index of the database (name and table), whatever the dialect. */
  const indexes = async () => {
    const { rows } =
      database.dialect === 'sqlite'
        ? await sql<{ name: string; table: string; definition: string }>`select name, tbl_name as "table", coalesce(sql, '') as definition
            from sqlite_master where type = 'index' order by name`.execute(database.db)
        : await sql<{ name: string; table: string; definition: string }>`select indexname as name, tablename as "table", indexdef as definition
            from pg_indexes where schemaname = current_schema() order by indexname`.execute(database.db)
    return rows
  }
  let indexesBeforeSeeding: Awaited<ReturnType<typeof indexes>> = []
  const count = async (table: 'cases' | 'ledger' | 'participants') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database.close()
  })

  it('writes the demo personas and N synthetic cases with two to three years of ledger', async () => {
    const progress: number[] = []
    indexesBeforeSeeding = await indexes() // createTestDatabase migrated it
    let indexing = 0
    const result = await seedDatabase(database, {
      cases: 200, today, ssnHmacKey: testSsnKey, onProgress: (done) => progress.push(done), onIndexing: () => indexing++,
    })
    expect(indexing).toBe(1)
    expect(result.cases).toBe(200)
    expect(progress.at(-1)).toBe(200)
    expect(await count('cases')).toBe(200 + demoCases)
    const perCase = result.ledgerRows / result.cases
    expect(perCase).toBeGreaterThan(20)
    expect(perCase).toBeLessThan(150)
    // Synthetic case numbers carry a 7 after the county code; the demo's a 0.
    const span = await database.db
      .selectFrom('ledger')
      .innerJoin('cases', 'cases.id', 'ledger.case_id')
      .select((eb) => [eb.fn.min('ledger.posted_on').as('first'), eb.fn.max('ledger.posted_on').as('last')])
      .where('cases.case_number', 'like', '__7%')
      .executeTakeFirstOrThrow()
    expect([span.first! >= addMonths(today, -37), span.first! < addMonths(today, -24), span.last! <= today]).toEqual([true, true, true])
  })

  it('builds the indexes it set aside for the load again, each as its migration made it', async () => {
    expect(indexesBeforeSeeding.length).toBeGreaterThan(20)
    expect(indexesBeforeSeeding.map((i) => i.name)).toContain('ledger_case_posted')
    expect(await indexes()).toEqual(indexesBeforeSeeding)
  })

  // Only SQLite's connection settings change during the load.
  const onSqlite = postgresAdminUrl ? it.skip : it
  onSqlite('gives the connection back with foreign keys checked again', async () => {
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db)
    expect(rows[0]?.foreign_keys).toBe(1)
  })

  it('ties every fee and disbursement to a payment on the same case', async () => {
    const orphans = await database.db
      .selectFrom('ledger as payout')
      .leftJoin('ledger as payment', (join) =>
        join.onRef('payment.id', '=', 'payout.related_entry_id').onRef('payment.case_id', '=', 'payout.case_id').on('payment.kind', '=', 'payment'))
      .select('payout.id')
      .where('payout.kind', 'in', ['fee', 'disbursement'])
      .where('payment.id', 'is', null)
      .execute()
    expect(orphans).toEqual([])
    const payouts = await database.db.selectFrom('ledger').select('id').where('kind', '=', 'disbursement').execute()
    expect(payouts.length).toBeGreaterThan(1000)
  })

  it('shares one Argon2id hash among synthetic accounts, and it verifies', async () => {
    const accounts = await database.db.selectFrom('accounts').select(['username', 'password_hash']).where('username', 'like', 'p%').execute()
    expect(accounts.length).toBeGreaterThan(100)
    expect(new Set(accounts.map((a) => a.password_hash)).size).toBe(1)
    expect(await verifySecret(accounts[0]!.password_hash!, SYNTHETIC_PASSWORD)).toBe(true)
  })

  it('refuses a database that holds data, and adds to it when forced', async () => {
    await expect(seedDatabase(database, { cases: 10, today, ssnHmacKey: testSsnKey })).rejects.toThrow(SeedRefusedError)
    await seedDatabase(database, { cases: 30, today, ssnHmacKey: testSsnKey, force: true })
    expect(await count('cases')).toBe(230 + demoCases)
    // New rows still get ids from the database after the explicit ones (PostgreSQL sequences were moved on).
    await database.db.insertInto('orders').values({ case_id: 1, kind: 'child', monthly_cents: 1, effective_from: today, effective_to: null, court_case_number: null }).execute()
  })
})

describe('npm run seed', () => {
  const run = promisify(execFile)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'))
  const url = `sqlite:${path.join(folder, 'seed.db')}`
  const seed = (...args: string[]) =>
    run(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['server/demo/seedCommand.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'test' },
    })

  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

  it('seeds a file with progress on stderr and a summary on stdout, then refuses to seed it again', async () => {
    const { stdout, stderr } = await seed('--cases', '200', '--database-url', url, '--today', today)
    expect(stdout).toMatch(/^seeded 200 cases \(/)
    expect(stderr).toContain('100% 200/200 cases')
    // The load's journal in memory was only for the load: the file is left in write-ahead-log mode, as the app runs it.
    const file = new SQLite(url.slice('sqlite:'.length), { readonly: true })
    try {
      expect(file.pragma('journal_mode', { simple: true })).toBe('wal')
    } finally {
      file.close()
    }
    await expect(seed('--cases', '10', '--database-url', url)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--force') })
    // Two runs of the command, each starting tsx: 12 s on a quiet machine, past 30 s on the shared one at load 12.
  }, 120_000)

  it('explains a bad --cases', async () => {
    await expect(seed('--cases', 'many', '--database-url', url)).rejects.toMatchObject({ stderr: expect.stringContaining('--cases') })
  }, 60_000)
})
