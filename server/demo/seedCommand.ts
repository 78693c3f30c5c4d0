// `npm run seed -- --cases N [--database-url URL] [--force] [--today YYYY-MM-DD]`: a synthetic database for
// benchmarks. Progress goes to stderr, the summary to stdout.
import { parseArgs } from 'node:util'

import { agencyToday, systemClock } from '../clock'
import { loadConfig } from '../config'
import { isIsoDate } from '../agencyTime/calendarDates'
import { openDatabase } from '../db/connection'
import { parseDatabaseUrl } from '../db/dialect'
import { progressReporter } from './progressReporter'
import { SYNTHETIC_PASSWORD, SYNTHETIC_PIN, seedDatabase } from './seedDatabase'

const usage = 'usage: npm run seed -- --cases N [--database-url sqlite:<path>|postgres://…] [--force] [--today YYYY-MM-DD]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      'database-url': { type: 'string' },
      force: { type: 'boolean', default: false },
      today: { type: 'string' },
    },
  })
  const cases = Number(values.cases ?? NaN)
  if (!Number.isSafeInteger(cases) || cases < 1) throw new Error(`--cases must be a whole number of 1 or more\n${usage}`)
  const today = values.today ?? agencyToday(systemClock)
  if (!isIsoDate(today)) throw new Error(`--today must be a date like 2025-06-30\n${usage}`)
  const config = loadConfig()
  const location = values['database-url'] ? parseDatabaseUrl(values['database-url']) : config.database

  const handle = openDatabase(location)
  const progress = progressReporter(cases, 'cases')
  const started = performance.now()
  let progressShown = true
  const finishProgress = () => {
    if (progressShown) progress.finish()
    progressShown = false
  }
  try {
    const result = await seedDatabase(handle, {
      cases, today, force: values.force, ssnHmacKey: config.ssnHmacKey, generateIn: 'worker',
      onProgress: (done) => progress.update(done),
      onIndexing: () => {
        finishProgress()
        process.stderr.write(`rows written in ${((performance.now() - started) / 1000).toFixed(1)} s; building the indexes …\n`)
      },
    })
    finishProgress()
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(
      `seeded ${result.cases.toLocaleString('en-US')} cases (${result.participants.toLocaleString('en-US')} participants, ` +
        `${result.ledgerRows.toLocaleString('en-US')} ledger rows) in ${seconds.toFixed(1)} s; ` +
        `synthetic parents with an account sign in as p<participant id>, password ${SYNTHETIC_PASSWORD}, PIN ${SYNTHETIC_PIN}\n`,
    )
  } finally {
    await handle.close()
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed: ${error.message}\n`)
  process.exit(1)
})
