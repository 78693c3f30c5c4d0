import { loadConfig } from '../config'
import { openDatabase } from './connection'
import { migrateToLatest } from './migrate'

// `npm run migrate`: bring the configured database up to date and say what ran.
async function main() {
  const config = loadConfig()
  const handle = openDatabase(config.database)
  try {
    const applied = await migrateToLatest(handle.db, handle.dialect)
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n')
  } finally {
    await handle.close()
  }
}

main().catch((error: Error) => {
  process.stderr.write(`migrate: ${error.message}\n`)
  process.exit(1)
})
