import type { Server } from 'node:http'

import { createApp } from './app'
import { agencyToday, systemClock } from './clock'
import { type Config, loadConfig } from './config'
import { type DatabaseHandle, openDatabase } from './db/connection'
import { migrateToLatest, withStartupLock } from './db/migrate'
import { loadDemoActivity } from './demo/demoActivity'
import { loadDemoData } from './demo/loadDemoData'
import { createI18n } from './i18n'
import { createLogger, type Logger } from './logger'
import { createServices } from './services'
import { startAlertDelivery } from './alerts/startAlertDelivery'

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

/**
 * A failure nobody awaited is a bug to see in the log, not a reason to drop every request in flight. A thrown
 * exception nobody caught leaves the process in a state nobody knows: say so and stop (the supervisor restarts).
 * Only the error goes to the log (pino's serializer: type, message, stack), never the request it came from.
 */
function reportUnhandledFailures(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection')
  })
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught exception: stopping')
    process.exitCode = 1
    setTimeout(() => process.exit(1), 100).unref()
  })
}

/**
 * `kill -9` of a launcher (npm, a shell, a supervisor) does not reach its child: the server would live on as an
 * orphan holding the port, a restart would fail to listen, and clients would keep talking to the old process. A
 * server whose launcher has gone stops as if told to.
 */
function stopWhenOrphaned(stop: (reason: string) => void): void {
  const launcher = process.ppid
  if (launcher <= 1) return // started by init or a container runtime: there is no launcher to lose
  const check = setInterval(() => {
    if (process.ppid !== launcher) stop('launcher exited')
  }, 500)
  check.unref()
}

async function start(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    fail((error as Error).message)
  }
  const logger = createLogger(config.logLevel)
  reportUnhandledFailures(logger)
  let database: DatabaseHandle
  try {
    // Migrations and the demo load wait on other starting processes' locks for as long as they take; requests must
    // not, so the serving connections are opened afresh with the request timeouts.
    const preparing = openDatabase(config.database)
    try {
      await prepareDatabase(config, preparing)
    } finally {
      await preparing.close()
    }
    database = openDatabase(config.database, { timeouts: config.databaseTimeouts })
  } catch (error) {
    fail((error as Error).message)
  }

  const clock = systemClock
  const services = createServices({ database, config, clock })
  const i18n = createI18n()
  const app = createApp({ config, database, logger, clock, i18n, services })
  const alertDelivery = startAlertDelivery({ config, services, clock, i18n, logger })
  // With Redis, attempts are counted across processes once it connects; a Redis that is slow or away is logged and
  // the process starts anyway, counting in its own memory meanwhile.
  if (config.redisUrl && !(await services.attemptLimits.connected(2_000))) {
    logger.warn('Redis did not answer within 2 s: attempt limits count in this process until it does')
  }

  const server: Server = app.listen(config.port)
  // A client that sends its request slowly (or never finishes it) is cut off well before Node's default of five
  // minutes; answering is bounded separately, by the request deadline (middleware/requestDeadline.ts).
  server.requestTimeout = 30_000
  server.headersTimeout = 20_000
  server.on('error', (error) => fail(`cannot listen on port ${config.port}: ${error.message}`))
  server.on('listening', () => {
    logger.info({ port: config.port, database: config.database.dialect }, `listening on http://localhost:${config.port}`)
  })

  let stopping = false
  const stop = (reason: string) => {
    if (stopping) return
    stopping = true
    logger.info({ reason }, 'stopping: finishing requests in flight')
    // In-flight requests finish; a stuck one does not hold the process past ten seconds.
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.close(() => {
      // The delivery round in flight finishes first, so a sent alert is recorded as sent before the database closes.
      alertDelivery
        .stop()
        .finally(() => Promise.allSettled([services.attemptLimits.close(), database.close()]))
        .finally(() => process.exit(0))
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  stopWhenOrphaned(stop)
}

void start()
