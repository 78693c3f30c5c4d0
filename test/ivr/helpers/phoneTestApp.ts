import { Writable } from 'node:stream'

import type { Express } from 'express'

import { createApp } from '../../../server/app'
import { agencyDateOf, type Clock } from '../../../server/clock'
import { type Config, loadConfig } from '../../../server/config'
import { loadDemoData } from '../../../server/demo/loadDemoData'
import { createI18n } from '../../../server/i18n'
import { createLogger } from '../../../server/logger'
import { createServices, type Services } from '../../../server/services'
import { unlimitedForTests } from '../../helpers/testApp'
import { createTestDatabase, type TestDatabase } from '../../helpers/testDatabase'

// The real app for phone tests, with the services in hand (to compare what a caller hears with what the
// case-inquiry service says), the demo personas loaded for the clock's day, and every log line captured.

export interface PhoneTestApp {
  app: Express
  config: Config
  services: Services
  database: TestDatabase
  /** Every line the app logged, as pino wrote it. */
  logs: string[]
  participantIdOf(parId: string): Promise<number>
  close(): Promise<void>
}

export async function createPhoneTestApp(options: { clock: Clock; demo?: boolean; env?: NodeJS.ProcessEnv }): Promise<PhoneTestApp> {
  const database = await createTestDatabase()
  const config = loadConfig({
    NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', TWILIO_AUTH_TOKEN: 'phone-test-auth-token', RATE_LIMITS: unlimitedForTests, ...options.env,
  })
  const logs: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const services = createServices({ database, config, clock: options.clock })
  const app = createApp({
    config,
    database,
    logger: createLogger('trace', sink),
    clock: options.clock,
    i18n: createI18n(),
    services,
  })
  if (options.demo !== false) {
    await loadDemoData(database.db, { ssnHmacKey: config.ssnHmacKey, today: agencyDateOf(options.clock.now()) })
  }
  return {
    app,
    config,
    services,
    database,
    logs,
    async participantIdOf(parId) {
      const row = await database.db.selectFrom('participants').select('id').where('par_id', '=', parId).executeTakeFirstOrThrow()
      return row.id
    },
    close: () => database.close(),
  }
}

/** Monday 24 November 2025, 10:00 in Sacramento: the office is open. */
export const officeOpen = '2025-11-24T18:00:00Z'
/** Sunday 23 November 2025, 10:00 in Sacramento: the office is closed; it opens Monday at 8:00. */
export const officeClosed = '2025-11-23T18:00:00Z'
