import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

import { agencyToday, systemClock } from '../server/clock'
import { loadConfig } from '../server/config'
import { openDatabase } from '../server/db/connection'
import { seedDatabase } from '../server/demo/seedDatabase'
import { createServices } from '../server/services'
import { describeTimings, measureQueue, timingsOf } from './queueBench'

// `npm run bench:queries [-- --cases N --reads M --callbacks K]`: builds a synthetic caseload in a temporary SQLite file (or
// uses BENCH_DATABASE_URL, already seeded) and measures the case-inquiry reads every page and call makes, as the
// latency of one parent's summary, history and next steps; then, with K requests waiting, the rep console's queue
// (queueBench.ts); and the process's memory.

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`)
  return value
}

async function main() {
  const cases = option('cases', 5_000)
  const reads = option('reads', 500)
  const callbacks = option('callbacks', 2_000)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-bench-'))
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(folder, 'bench.db')}`
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url })
  const database = openDatabase(config.database)
  try {
    if (!process.env.BENCH_DATABASE_URL) {
      const started = performance.now()
      await seedDatabase(database, { cases, today: agencyToday(systemClock), ssnHmacKey: config.ssnHmacKey })
      process.stdout.write(`seeded ${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
    }
    const services = createServices({ database, config, clock: systemClock })
    const parents = await database.db
      .selectFrom('case_roles')
      .select(['participant_id', 'case_id'])
      .where('role', '=', 'paying')
      .limit(reads)
      .execute()
    const timings: number[] = []
    for (const { participant_id: participantId, case_id: caseId } of parents) {
      const principal = { kind: 'parent' as const, participantId }
      const started = performance.now()
      await services.cases.getCaseSummary(principal, caseId, 'web')
      await services.cases.getPaymentHistory(principal, caseId, { page: 1, pageSize: 20 }, 'web')
      await services.cases.getNextSteps(principal, caseId, 'web')
      timings.push(performance.now() - started)
    }
    process.stdout.write(
      `${database.dialect}, ${parents.length} parents: ${describeTimings('summary + history + next steps', timingsOf(timings))}\n`,
    )
    const queue = await measureQueue(services, database, callbacks, Math.min(reads, callbacks))
    process.stdout.write(`console, ${callbacks} requests waiting:\n`)
    process.stdout.write(`  ${describeTimings('queue page (200 due first)', queue.listQueue)}\n`)
    process.stdout.write(`  ${describeTimings('take the next + record a call', queue.takeAndRecord)}\n`)
    process.stdout.write(`  ${describeTimings('case search by case number', queue.caseSearch)}\n`)
    process.stdout.write(`  ${describeTimings('supervisor figures, 30 days', queue.supervisorFigures)}\n`)
    process.stdout.write(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`)
  } finally {
    await database.close()
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.message}\n`)
  process.exit(1)
})
