import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

import { callbackTopics } from '../server/callbacks/callbackRequest'
import { agencyToday, systemClock } from '../server/clock'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/db/connection'
import { parseDatabaseUrl } from '../server/db/dialect'
import { loadDemoActivity } from '../server/demo/demoActivity'
import { seedDatabase } from '../server/demo/seedDatabase'
import { createServices } from '../server/services'
import type { BenchOptions } from './options'
import { projectRoot } from './servers'

// The database a bench run measures: the demo personas (parents with two cases and long histories), N synthetic
// cases, the demo's six weeks of calls and callback requests, and a backlog of requests waiting in the queue. Built
// once per size and reused (`npm run seed` writes the same rows): a 1,000,000-case database takes minutes to build.

/** Not a secret: the key of the SSN digests in a synthetic database, which hold no real SSN. */
export const benchSsnHmacKey = 'bench-synthetic-ssn-digest-key-not-a-secret'
/**
 * Work waiting in the queue on top of the demo's own, so the queue page, the search and the supervisor's figures
 * read a realistic backlog: callback requests (from callers the phone line did not identify) and written messages
 * from synthetic parents spread over the whole caseload.
 */
export const queueBacklog = { callbacks: 3_000, messages: 2_000 }

export interface PreparedDatabase {
  url: string
  cases: number
  /** Seconds spent seeding in this run; null when an existing database was reused. */
  seededSeconds: number | null
}

export async function prepareBenchDatabase(options: BenchOptions, log: (line: string) => void): Promise<PreparedDatabase> {
  const url = options.database === 'sqlite' ? sqliteUrl(options.cases) : options.database
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, SSN_HMAC_KEY: benchSsnHmacKey })
  const handle = openDatabase(parseDatabaseUrl(url))
  try {
    const existing = await existingCases(handle.db)
    if (existing !== null) {
      if (existing < options.cases) {
        throw new Error(`${describe(url)} holds ${existing} cases, fewer than --cases ${options.cases}; drop it or pick another database`)
      }
      log(`reusing ${describe(url)} (${existing.toLocaleString('en-US')} cases)`)
      return { url, cases: existing, seededSeconds: null }
    }
    log(`seeding ${options.cases.toLocaleString('en-US')} synthetic cases into ${describe(url)} …`)
    const started = performance.now()
    const today = agencyToday(systemClock)
    await seedDatabase(handle, {
      cases: options.cases, today, ssnHmacKey: benchSsnHmacKey, generateIn: 'worker',
      onIndexing: () => log(`rows written in ${((performance.now() - started) / 1000).toFixed(1)} s; building the indexes …`),
    })
    await loadDemoActivity(handle.db, { today, maxAttempts: config.callbacks.maxAttempts })
    const services = createServices({ database: handle, config, clock: systemClock })
    for (let i = 0; i < queueBacklog.callbacks; i++) {
      await services.callbacks.requestCallback({
        phone: `+1916${String(5_550_000 + (i % 10_000)).padStart(7, '0')}`,
        language: i % 3 ? 'en' : 'es',
        topic: callbackTopics[i % callbackTopics.length]!,
        preferredWindow: i % 2 ? 'asap' : 'afternoon',
        channel: i % 2 ? 'web' : 'phone',
      })
    }
    const writers = await backlogWriters(handle.db, queueBacklog.messages)
    for (const [i, writer] of writers.entries()) {
      await services.messages.startThread({
        participantId: writer.participant_id,
        caseId: writer.case_id,
        topic: callbackTopics[i % callbackTopics.length]!,
        body: i % 3 ? 'Please tell me when my last payment will be sent out.' : '¿Cuándo me envían mi último pago?',
        language: i % 3 ? 'en' : 'es',
      })
    }
    const seconds = (performance.now() - started) / 1000
    log(`seeded in ${seconds.toFixed(1)} s`)
    return { url, cases: options.cases, seededSeconds: seconds }
  } finally {
    await handle.close()
  }
}

/** One paying parent of every so many synthetic cases, so the writers are spread over the whole caseload. */
async function backlogWriters(db: ReturnType<typeof openDatabase>['db'], count: number) {
  const last = await db.selectFrom('cases').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()
  const step = Math.max(1, Math.floor(Number(last.id) / count))
  const caseIds = Array.from({ length: count }, (_, i) => 1 + i * step).filter((id) => id <= Number(last.id))
  return db
    .selectFrom('case_roles')
    .select(['participant_id', 'case_id'])
    .where('role', '=', 'paying')
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .execute()
}

function sqliteUrl(cases: number): string {
  const folder = path.join(projectRoot, 'data', 'bench')
  fs.mkdirSync(folder, { recursive: true })
  return `sqlite:${path.join(folder, `cases-${cases}.db`)}`
}

function describe(url: string): string {
  return url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url.replace(/\/\/[^@/]*@/, '//')
}

/** Synthetic cases already there (case numbers carry a 7 after the county code); null for an empty database. */
async function existingCases(db: ReturnType<typeof openDatabase>['db']): Promise<number | null> {
  try {
    const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
    const n = Number(row?.n ?? 0)
    return n === 0 ? null : n
  } catch {
    return null // no schema yet
  }
}
