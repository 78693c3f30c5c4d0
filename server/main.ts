import type { Server } from 'node:http'

import { createApp } from './app'
import { agencyToday, systemClock } from './clock'
import { type Config, loadConfig } from './config'
import { type DatabaseHandle, openDatabase } from './db/connection'
import { migrateToLatest, withStartupLock } from './db/migrate'
import { loadDemoActivity } from './demo/demoActivity'
import { loadDemoData } from './demo/loadDemoData'
import { createI18n } from './i18n'
import { createLogger } from './logger'
import { createServices } from './services'

// Start-up: configuration, database, migrations, demo data, listen; and a graceful stop on SIGTERM.
// Anything wrong before listening is said in one line and the process exits non-zero: it never serves
// half-working.

function fail(message: string): never {
  process.stderr.write(`cannot start: ${message}\n`)
  process.exit(1)
}

async function prepareDatabase(config: Config, database: DatabaseHandle): Promise<void> {
  try {
    await database.ping()
  } catch (error) {
    const where = config.database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'
    throw new Error(`${where} database does not answer: ${(error as Error).message}`)
  }
  await migrateToLatest(database.db, database.dialect)
  if (config.demoData) {
    const today = agencyToday(systemClock)
    // The activity goes in with the personas, in the same transaction, so it is loaded exactly when they are.
    await withStartupLock(database.db, database.dialect, async (trx) => {
      const { loaded } = await loadDemoData(trx, { ssnHmacKey: config.ssnHmacKey, today })
      if (loaded) await loadDemoActivity(trx, { today, maxAttempts: config.callbacks.maxAttempts })
    })
  }
}

async function start(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    fail((error as Error).message)
  }
  const logger = createLogger(config.logLevel)
  let database: DatabaseHandle
  try {
    database = openDatabase(config.database)
    await prepareDatabase(config, database)
  } catch (error) {
    fail((error as Error).message)
  }

  const clock = systemClock
  const app = createApp({
    config,
    database,
    logger,
    clock,
    i18n: createI18n(),
    services: createServices({ database, config, clock }),
  })

  const server: Server = app.listen(config.port)
  server.on('error', (error) => fail(`cannot listen on port ${config.port}: ${error.message}`))
  server.on('listening', () => {
    logger.info({ port: config.port, database: config.database.dialect }, `listening on http://localhost:${config.port}`)
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'stopping: finishing requests in flight')
    // In-flight requests finish; a stuck one does not hold the process past ten seconds.
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.close(() => {
      database.close().finally(() => process.exit(0))
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

void start()
