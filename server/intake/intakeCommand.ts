// `npm run intake -- FILE.jsonl [--source NAME] [--database-url URL]`: takes a batch file from the case system
// into the database the app uses, line by line. What became of each line goes to stdout; a progress bar to stderr
// (a live bar on a terminal); the exit status is 1 when any line was refused, so a scheduler notices.
import fs from 'node:fs'
import { parseArgs } from 'node:util'

import { configuredAlertChannels } from '../alerts/channelsFromConfig'
import { systemClock } from '../clock'
import { loadConfig } from '../config'
import { openDatabase } from '../db/connection'
import { parseDatabaseUrl } from '../db/dialect'
import { migrateToLatest } from '../db/migrate'
import { progressReporter } from '../demo/progressReporter'
import { countDocumentLines, describeLine, takeBatchFile } from './intakeBatch'
import { createIntakeService } from './intakeService'

const usage = 'usage: npm run intake -- FILE.jsonl [--source NAME] [--database-url sqlite:<path>|postgres://…]'

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { source: { type: 'string', default: 'casesystem' }, 'database-url': { type: 'string' } },
  })
  const [file] = positionals
  if (!file || positionals.length > 1) throw new Error(usage)
  if (!fs.existsSync(file)) throw new Error(`cannot read ${file}\n${usage}`)
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(values.source)) throw new Error(`--source: lower-case letters, digits, - or _\n${usage}`)
  const config = loadConfig()
  const location = values['database-url'] ? parseDatabaseUrl(values['database-url']) : config.database
  const handle = openDatabase(location)
  try {
    await migrateToLatest(handle.db, handle.dialect)
    // The batch raises the same alerts the API does; the running server's delivery worker sends them.
    const intake = createIntakeService({ db: handle.db, clock: systemClock, alertChannels: configuredAlertChannels(config), ssnHmacKey: config.ssnHmacKey })
    const progress = progressReporter(await countDocumentLines(file), 'documents')
    let done = 0
    const summary = await takeBatchFile(file, values.source, intake, (line) => {
      process.stdout.write(`${describeLine(line)}\n`)
      progress.update(++done)
    })
    progress.finish()
    process.stdout.write(`${summary.taken} taken, ${summary.unchanged} unchanged (already taken), ${summary.refused} refused\n`)
    return summary.refused > 0 ? 1 : 0
  } finally {
    await handle.close()
  }
}

main().then(
  (status) => process.exit(status),
  (error: Error) => {
    process.stderr.write(`intake: ${error.message}\n`)
    process.exit(2)
  },
)
