import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Express } from 'express'

import { createApp } from '../../server/app'
import { type Clock, systemClock } from '../../server/clock'
import { type Config, loadConfig } from '../../server/config'
import { createI18n } from '../../server/i18n'
import { createLogger } from '../../server/logger'
import { rateLimitNames } from '../../server/rateLimits/limits'
import { createServices, type Services } from '../../server/services'
import { createTestDatabase, type TestDatabase } from './testDatabase'

export interface TestApp {
  app: Express
  database: TestDatabase
  config: Config
  /** The same services the app's pages and phone line use. */
  services: Services
  close(): Promise<void>
}

// Route tests sign in, activate and post forms dozens of times from one address; the attempt limits would stop
// them halfway. They get limits no test reaches, and the tests of the limits themselves pass RATE_LIMITS.
export const unlimitedForTests = rateLimitNames.map((name) => `${name}=1000000/60`).join(',')

/** The real application over a throwaway database, as supertest drives it. */
export async function createTestApp(
  options: { clock?: Clock; env?: NodeJS.ProcessEnv; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase())
  // Each test app keeps the documents it is sent in a folder of its own, removed when it closes.
  const documentsDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'test-documents-'))
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', RATE_LIMITS: unlimitedForTests, DOCUMENTS_DIR: documentsDirectory, ...options.env })
  const clock = options.clock ?? systemClock
  const services = createServices({ database, config, clock })
  const app = createApp({ config, database, logger: createLogger('silent'), clock, i18n: createI18n(), services })
  return {
    app,
    database,
    config,
    services,
    close: async () => {
      await services.attemptLimits.close()
      await database.close()
      fs.rmSync(documentsDirectory, { recursive: true, force: true })
    },
  }
}
