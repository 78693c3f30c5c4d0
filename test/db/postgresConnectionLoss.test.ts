import { sql } from 'kysely'
import { Client } from 'pg'

import { DatabaseUnavailableError } from '../../server/db/databaseErrors'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/testDatabase'

// A PostgreSQL connection lost while the app holds it (its server process terminated, a failover, a reset socket)
// must fail the work on it as "unavailable", never crash the process. The pg driver emits 'error' on a client that
// is checked out of the pool whether or not a query is running on it, and an 'error' with no listener is an
// uncaught exception: in production, the whole portal and phone line down because one connection dropped. The CI
// pass caught it as an ECONNRESET escaping the outage test while a request was in flight.

// SQLite has no connection to lose; the PostgreSQL pass of .ci/run runs this.
const describePostgres = postgresAdminUrl ? describe : describe.skip

describePostgres('a PostgreSQL connection lost while it is checked out', () => {
  let database: TestDatabase
  let admin: Client

  beforeAll(async () => {
    database = await createTestDatabase()
    admin = new Client({ connectionString: postgresAdminUrl })
    await admin.connect()
  })
  afterAll(async () => {
    await admin.end()
    await database.close()
  })

  it('fails the transaction as unavailable, keeps the process up, and the next query gets a new connection', async () => {
    const outcome = database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      // Terminated between two statements: the client is checked out and idle, the case the pool does not cover.
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid])
      await new Promise((resolve) => setTimeout(resolve, 200))
      await sql`select 1`.execute(trx)
    })
    await expect(outcome).rejects.toBeInstanceOf(DatabaseUnavailableError)

    const { rows } = await sql<{ answer: number }>`select 1 as answer`.execute(database.db)
    expect(rows[0]!.answer).toBe(1)
  })

  it('fails a query running when its connection is terminated as unavailable', async () => {
    const running = database.db.connection().execute(async (connection) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection)
      const slow = sql`select pg_sleep(5)`.execute(connection)
      await new Promise((resolve) => setTimeout(resolve, 100))
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid])
      await slow
    })
    await expect(running).rejects.toBeInstanceOf(DatabaseUnavailableError)
    const { rows } = await sql<{ answer: number }>`select 1 as answer`.execute(database.db)
    expect(rows[0]!.answer).toBe(1)
  })
})

