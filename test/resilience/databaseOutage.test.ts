import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import SQLite from 'better-sqlite3'
import { Client } from 'pg'
import request from 'supertest'

import { createApp } from '../../server/app'
import { agencyToday } from '../../server/clock'
import { loadConfig } from '../../server/config'
import { type DatabaseHandle, openDatabase } from '../../server/db/connection'
import { migrateToLatest } from '../../server/db/migrate'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { createI18n, translatorFor } from '../../server/i18n'
import { createLogger } from '../../server/logger'
import { createServices } from '../../server/services'
import { postgresAdminUrl } from '../helpers/testDatabase'
import { newCallSid, signedPost } from '../ivr/helpers/simulatedCall'
import { demoNoon, escaped, movableClock, persona, signedInAgent, submitForm } from '../portal/portalTestApp'

// The database down and back (issue 11): while it is locked or refuses connections, a page that needs it answers
// the 503 outage page in the visitor's language with the agency's number to tap, never a 500 and never a hang;
// the phone line apologises; /healthz stays up; and when the database returns, everything works again without a
// restart. SQLite: another connection holds the write lock (BEGIN EXCLUSIVE). PostgreSQL (TEST_POSTGRES_URL): the
// database stops accepting connections and its sessions are terminated, then it accepts them again; and, apart,
// another session holds every table the pages read under LOCK TABLE. The slowest answer while the database is away
// is printed for the record (issue 11); the deadlines bound it.

jest.setTimeout(120_000)

const i18n = createI18n()
const t = (language: 'en' | 'es') => translatorFor(i18n, language)
const timeoutEnv = {
  DB_LOCK_TIMEOUT_MS: '500',
  DB_ACQUIRE_TIMEOUT_MS: '1000',
  DB_STATEMENT_TIMEOUT_MS: '2000',
  READY_TIMEOUT_MS: '1000',
  PHONE_DEADLINE_MS: '2500',
  REQUEST_DEADLINE_MS: '8000',
}
const good = { caseId: 'none', topic: 'court', phone: '(916) 555-0150', window: 'morning', language: 'en' }

interface Outage {
  /** Locked: the server is up and answers `select 1`, but the tables wait on another session. */
  kind: 'locked' | 'refusing'
  database: DatabaseHandle
  start(): Promise<void>
  end(): Promise<void>
  cleanUp(): Promise<void>
}

async function sqliteOutage(): Promise<Outage> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-outage-'))
  const filename = path.join(folder, 'portal.db')
  const config = loadConfig({ NODE_ENV: 'test', ...timeoutEnv })
  const database = openDatabase({ dialect: 'sqlite', filename }, { timeouts: config.databaseTimeouts })
  let holder: SQLite.Database | null = null
  return {
    kind: 'locked',
    database,
    async start() {
      holder = new SQLite(filename)
      holder.exec('BEGIN EXCLUSIVE')
    },
    async end() {
      holder?.exec('COMMIT')
      holder?.close()
      holder = null
    },
    async cleanUp() {
      await database.close()
      fs.rmSync(folder, { recursive: true, force: true })
    },
  }
}

async function throwawayPostgres(adminUrl: string) {
  const name = `cs_outage_${randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const config = loadConfig({ NODE_ENV: 'test', ...timeoutEnv })
  const database = openDatabase({ dialect: 'postgres', connectionString: url.toString() }, { poolSize: 4, timeouts: config.databaseTimeouts })
  return {
    name,
    admin,
    url: url.toString(),
    database,
    async cleanUp() {
      await database.close()
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

async function postgresRefusing(adminUrl: string): Promise<Outage> {
  const { name, admin, database, cleanUp } = await throwawayPostgres(adminUrl)
  return {
    kind: 'refusing',
    database,
    async start() {
      await admin.query(`alter database ${name} allow_connections false`)
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name])
    },
    async end() {
      await admin.query(`alter database ${name} allow_connections true`)
    },
    cleanUp,
  }
}

/** Every table a page or a call reads, held in ACCESS EXCLUSIVE mode by another session until it commits. */
async function postgresLocked(adminUrl: string): Promise<Outage> {
  const { url, database, cleanUp } = await throwawayPostgres(adminUrl)
  let holder: Client | null = null
  return {
    kind: 'locked',
    database,
    async start() {
      holder = new Client({ connectionString: url })
      await holder.connect()
      await holder.query('begin')
      await holder.query('lock table sessions, accounts, participants, cases, case_roles, orders, ledger, enforcement, events, callbacks, calls, twilio_signatures, rate_limits in access exclusive mode')
    },
    async end() {
      await holder?.query('commit')
      await holder?.end()
      holder = null
    },
    cleanUp,
  }
}

const dialects = [['SQLite, write lock held by another connection', () => sqliteOutage()] as const]
if (postgresAdminUrl) {
  dialects.push(['PostgreSQL, connections refused', () => postgresRefusing(postgresAdminUrl!)] as never)
  dialects.push(['PostgreSQL, every table locked by another session', () => postgresLocked(postgresAdminUrl!)] as never)
}

/** Runs a request and notes how long its answer took. */
async function timed<T>(answers: number[], send: () => PromiseLike<T>): Promise<T> {
  const started = performance.now()
  try {
    return await send()
  } finally {
    answers.push(performance.now() - started)
  }
}

describe.each(dialects)('the database down and back: %s', (name, makeOutage) => {
  let outage: Outage
  let app: ReturnType<typeof createApp>
  const config = loadConfig({ NODE_ENV: 'test', TWILIO_AUTH_TOKEN: 'outage-test-token', ...timeoutEnv })
  const clock = movableClock(demoNoon)
  const phoneCall = () => signedPost(app, config, '/ivr/voice', { CallSid: newCallSid(), From: '+19165550199', To: '+18665550100' }).timeout(6_000)

  beforeAll(async () => {
    outage = await makeOutage()
    await migrateToLatest(outage.database.db, outage.database.dialect)
    await loadDemoData(outage.database.db, { ssnHmacKey: config.ssnHmacKey, today: agencyToday(clock) })
    const services = createServices({ database: outage.database, config, clock })
    app = createApp({ config, database: outage.database, logger: createLogger('silent'), clock, i18n, services })
  })
  afterAll(() => outage.cleanUp())

  it('answers 503 pages in both languages, the phone apology and a live /healthz, then recovers without a restart', async () => {
    const agents = { en: await signedInAgent(app, persona('both-roles'), 'en'), es: await signedInAgent(app, persona('both-roles'), 'es') }
    const forms = { en: await agents.en.get('/account/callbacks/new').expect(200), es: await agents.es.get('/account/callbacks/new').expect(200) }
    const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!

    const webAnswers: number[] = []
    const phoneAnswers: number[] = []
    await outage.start()
    try {
      for (const language of ['en', 'es'] as const) {
        // Writing (every database refuses it now) and, on PostgreSQL, reading a signed-in page.
        const sent = await timed(webAnswers, () => agents[language].post('/account/callbacks/new').type('form').timeout(6_000).send({ ...good, _csrf: tokenOf(forms[language].text) }))
        expect(sent.status).toBe(503)
        expect(sent.text).toContain(`<html lang="${language}">`)
        expect(sent.text).toContain(escaped(t(language)('errors:serviceUnavailable.title')))
        expect(sent.text).toContain(`href="tel:${config.agency.phoneNumber}"`)
        const page = await timed(webAnswers, () => agents[language].get('/account').timeout(6_000))
        expect([200, 503]).toContain(page.status)
        if (outage.database.dialect === 'postgres') expect(page.status).toBe(503)
      }
      await request(app).get('/healthz').expect(200)
      // Refusing connections, the app is not ready; with its tables locked, the database itself still answers.
      if (outage.kind === 'refusing') await request(app).get('/readyz').timeout(6_000).expect(503)
      // Several callers at once, as when an outage meets a busy hour: each hears the apology, none waits on another.
      const calls = await Promise.all(Array.from({ length: 4 }, () => timed(phoneAnswers, phoneCall)))
      for (const call of calls) {
        expect(call.status).toBe(200)
        expect(call.text).toContain(t('en')('ivr:outage').split('.')[0])
        expect(call.text).toContain('<Hangup/>')
      }
    } finally {
      await outage.end()
    }
    const slowest = (answers: number[]) => Math.round(Math.max(...answers))
    process.stdout.write(`${name}: slowest web answer ${slowest(webAnswers)} ms, slowest phone answer ${slowest(phoneAnswers)} ms\n`)
    // Bounded by the deadlines (with room for a loaded machine), never by how long the outage lasts.
    expect(slowest(webAnswers)).toBeLessThan(Number(timeoutEnv.REQUEST_DEADLINE_MS))
    expect(slowest(phoneAnswers)).toBeLessThan(Number(timeoutEnv.PHONE_DEADLINE_MS) + 1_500)

    // Back: the same sessions, the same forms, no restart.
    await request(app).get('/readyz').expect(200)
    for (const language of ['en', 'es'] as const) {
      await agents[language].get('/account').expect(200)
    }
    const sent = await submitForm(agents.en, '/account/callbacks/new', good)
    expect(sent.status).toBe(303)
    const call = await phoneCall()
    expect(call.status).toBe(200)
    expect(call.text).not.toContain(t('en')('ivr:outage').split('.')[0])
  })
})
