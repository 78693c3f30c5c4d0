import { randomBytes } from 'node:crypto'

import { Client } from 'pg'

import { type DatabaseHandle, openDatabase } from '../../server/db/connection'
import { migrateToLatest } from '../../server/db/migrate'

/**
 * A throwaway, migrated database for one test file. By default an in-memory SQLite database; when
 * TEST_POSTGRES_URL is set (the PostgreSQL pass of .ci/run) a new PostgreSQL database that `close()` drops.
 */
export interface TestDatabase extends DatabaseHandle {
  url: string
}

export const postgresAdminUrl = process.env.TEST_POSTGRES_URL

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!postgresAdminUrl) {
    const handle = openDatabase({ dialect: 'sqlite', filename: ':memory:' })
    await migrateToLatest(handle.db, handle.dialect)
    return { ...handle, url: 'sqlite::memory:' }
  }
  const name = `cs_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await withAdminClient((client) => client.query(`create database ${name}`))
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  const handle = openDatabase({ dialect: 'postgres', connectionString: url.toString() }, { poolSize: 4 })
  await migrateToLatest(handle.db, handle.dialect)
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close()
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresAdminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
