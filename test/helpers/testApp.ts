import type { Express } from 'express'

import { createApp } from '../../server/app'
import { type Clock, systemClock } from '../../server/clock'
import { type Config, loadConfig } from '../../server/config'
import { createI18n } from '../../server/i18n'
import { createLogger } from '../../server/logger'
import { createServices } from '../../server/services'
import { createTestDatabase, type TestDatabase } from './testDatabase'

export interface TestApp {
  app: Express
  database: TestDatabase
  config: Config
  close(): Promise<void>
}

/** The real application over a throwaway database, as supertest drives it. */
export async function createTestApp(
  options: { clock?: Clock; env?: NodeJS.ProcessEnv; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase())
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', ...options.env })
  const clock = options.clock ?? systemClock
  const app = createApp({
    config,
    database,
    logger: createLogger('silent'),
    clock,
    i18n: createI18n(),
    services: createServices({ database, config, clock }),
  })
  return { app, database, config, close: () => database.close() }
}
