import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

import { createAlertScheduler } from '../server/alerts/alertScheduler'
import { agencyCalendar } from '../server/callbacks/businessCalendar'
import { fixedClock } from '../server/clock'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/db/connection'
import { migrateToLatest } from '../server/db/migrate'
import { loadDemoData } from '../server/demo/loadDemoData'
import { seedDatabase } from '../server/demo/seedDatabase'
import { describeTimings, timingsOf } from './queueBench'

// `npm run bench:alerts [-- --cases N --runs R]`: how long one scan of the time-based alerts takes. Builds the demo
// database (or, with --cases, the demo personas and N synthetic cases) in a temporary SQLite file, or in
// BENCH_DATABASE_URL when that is empty (a database that holds data is used as it is); gives every parent a confirmed email address (the worst case: everyone subscribed);
// then times scans on two days of the demo's month: the first business day after the 20th (no payment yet, and the
// hearings and appointments of the next three days) and a day before the 1st (a payment due soon). The first scan of
// a day queues the alerts; the later ones find them queued (what every scan after the first does all day).

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`)
  return value
}

async function main() {
  const cases = option('cases', 0)
  const runs = Math.max(2, option('runs', 10))
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-alert-scan-'))
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(folder, 'bench.db')}`
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url })
  const database = openDatabase(config.database)
  // The demo's "today": the first business day after the 20th of December 2026.
  const today = '2026-12-21'
  try {
    await migrateToLatest(database.db, database.dialect)
    const empty = !(await database.db.selectFrom('participants').select('id').limit(1).executeTakeFirst())
    if (empty) {
      if (cases > 0) await seedDatabase(database, { cases, today, ssnHmacKey: config.ssnHmacKey })
      else await loadDemoData(database.db, { ssnHmacKey: config.ssnHmacKey, today })
    }
    const stamp = new Date().toISOString()
    const parents = await database.db.selectFrom('participants').select('id').execute()
    await database.db.deleteFrom('alert_destinations').execute()
    for (let i = 0; i < parents.length; i += 500) {
      await database.db
        .insertInto('alert_destinations')
        .values(parents.slice(i, i + 500).map(({ id }) => ({
          participant_id: id, channel: 'email', destination: `parent${id}@example.com`, language: 'en' as const, secret_hash: null,
          secret_expires_at: null, consent_words: 'bench', consent_at: stamp, confirmed_at: stamp, updated_at: stamp,
        })))
        .execute()
    }
    const caseCount = (await database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n
    process.stdout.write(`${database.dialect}, NODE_ENV=${process.env.NODE_ENV ?? ''}, ${caseCount} cases, ${parents.length} parents with alerts on\n`)
    for (const [label, at] of [['21 Dec, 9 a.m. (no payment yet; coming up)', '2026-12-21T17:00:00Z'], ['29 Dec, 9 a.m. (due soon; coming up)', '2026-12-29T17:00:00Z']] as const) {
      await database.db.deleteFrom('alert_outbox').execute()
      const scheduler = createAlertScheduler({ db: database.db, clock: fixedClock(at), calendar: agencyCalendar, channels: ['email'] })
      const timings: number[] = []
      let occasions = 0
      let raised = 0
      for (let run = 0; run < runs; run++) {
        const started = performance.now()
        const result = await scheduler.scanOnce()
        timings.push(performance.now() - started)
        occasions = result.occasions
        if (run === 0) raised = result.raised
      }
      const queued = (await database.db.selectFrom('alert_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n
      process.stdout.write(`  ${label}: first scan ${timings[0]!.toFixed(1)} ms (${raised} raised, ${queued} queued), then ${describeTimings(`${occasions} found already raised`, timingsOf(timings.slice(1)))}\n`)
    }
  } finally {
    await database.close()
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`)
  process.exit(1)
})
