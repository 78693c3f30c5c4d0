import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { sql } from 'kysely'
import { Client } from 'pg'

import { projectRoot } from '../../server/config'
import { migrateToLatest, migrationNames, withStartupLock } from '../../server/db/migrate'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/testDatabase'

const execFileAsync = promisify(execFile)

const everyTable = [
  'participants', 'cases', 'case_roles', 'orders', 'ledger', 'enforcement', 'events', 'accounts',
  'callbacks', 'callback_attempts', 'calls', 'staff', 'audit_events', 'sessions', 'twilio_signatures',
]

describe(`migrations (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.close())

  it('create every table of the design', async () => {
    const tables = (await database.db.introspection.getTables()).map((t) => t.name)
    expect(tables).toEqual(expect.arrayContaining(everyTable))
  })

  it('give staff an optional phone number for "Call now"', async () => {
    const staff = (await database.db.introspection.getTables()).find((t) => t.name === 'staff')
    const phone = staff?.columns.find((c) => c.name === 'phone')
    expect(phone?.dataType.toLowerCase()).toBe('text')
    expect(phone?.isNullable).toBe(true)
  })

  it('give a callback request an optional "Tell us more" text (0010)', async () => {
    const callbacks = (await database.db.introspection.getTables()).find((t) => t.name === 'callbacks')
    const details = callbacks?.columns.find((c) => c.name === 'details')
    expect(details?.dataType.toLowerCase()).toBe('text')
    expect(details?.isNullable).toBe(true)
  })

  it('are a no-op the second time', async () => {
    expect(await migrateToLatest(database.db, database.dialect)).toEqual([])
  })

  it('index the parent-facing reads', async () => {
    const indexQuery =
      database.dialect === 'postgres'
        ? sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public'`
        : sql<{ name: string }>`select name from sqlite_master where type = 'index'`
    const names = (await indexQuery.execute(database.db)).rows.map((r) => r.name)
    expect(names).toEqual(
      expect.arrayContaining(['case_roles_participant', 'ledger_case_posted', 'callbacks_status_due', 'audit_events_case', 'audit_events_participant']),
    )
  })

  it('store money as integer cents that round-trip exactly', async () => {
    const now = '2026-01-01T00:00:00.000Z'
    const caseRow = await database.db
      .insertInto('cases')
      .values({
        case_number: '900000000001', county: 'Sacramento', status: 'open', assistance_status: 'never',
        processing_stage: 'enforcement', interest_rate_bp: 1000, interest_rate_basis: 'statutory',
        caseworker_name: 'A. Worker', office_code: 'SAC1', opened_on: '2020-01-01', created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('ledger')
      .values([
        { case_id: caseRow.id, posted_on: '2026-01-01', kind: 'charge', amount_cents: 45_001 },
        { case_id: caseRow.id, posted_on: '2026-01-05', kind: 'payment', amount_cents: -12_399 },
      ])
      .execute()
    const { total } = await database.db
      .selectFrom('ledger')
      .select((eb) => eb.fn.sum<number>('amount_cents').as('total'))
      .where('case_id', '=', caseRow.id)
      .executeTakeFirstOrThrow()
    expect(total).toBe(32_602)
  })

  it('let two starting processes do start-up work once, one after the other', async () => {
    const runs: string[] = []
    const work = (label: string) =>
      withStartupLock(database.db, database.dialect, async (trx) => {
        const existing = await trx.selectFrom('staff').select('id').where('username', '=', 'startup-lock').execute()
        if (existing.length) return
        runs.push(label)
        await trx
          .insertInto('staff')
          .values({ username: 'startup-lock', display_name: 'x', password_hash: 'x', role: 'rep', languages: 'en' })
          .execute()
      })
    await Promise.all([work('a'), work('b')])
    expect(runs).toHaveLength(1)
  })
})

/** An empty database for the two-process test: a new SQLite file, or a new PostgreSQL database. */
async function emptyDatabaseUrl(): Promise<{ url: string; remove: () => Promise<void> }> {
  if (!postgresAdminUrl) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-migrate-'))
    return { url: `sqlite:${path.join(folder, 'portal.db')}`, remove: async () => fs.rmSync(folder, { recursive: true }) }
  }
  const name = `cs_migrate_${process.pid}`
  const admin = async (statement: string) => {
    const client = new Client({ connectionString: postgresAdminUrl })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  await admin(`create database ${name}`)
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), remove: () => admin(`drop database ${name} with (force)`) }
}

describe('migrations of one empty database from two processes at once', () => {
  it('both succeed and the schema is created once', async () => {
    const target = await emptyDatabaseUrl()
    const env = { ...process.env, DATABASE_URL: target.url, NODE_ENV: 'test' }
    const migrate = () => execFileAsync('npx', ['tsx', 'server/db/migrateCommand.ts'], { env, cwd: projectRoot })
    try {
      const outputs = (await Promise.all([migrate(), migrate()])).map((r) => r.stdout.trim()).sort()
      expect(outputs).toEqual([`applied: ${migrationNames('sqlite').join(', ')}`, 'database is up to date'])
    } finally {
      await target.remove()
    }
  })
})
