// Builds a large synthetic caseload for benchmarks: the demo personas (so there is someone known to sign in as),
// then N generated cases, written a chunk at a time in multi-row inserts, one transaction per chunk.
import { type Kysely, sql } from 'kysely'

import type { IsoDate } from '../cases/rules/ledgerTypes'
import type { DatabaseHandle } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import type { Database } from '../db/schema'
import { hashSecret } from '../identity/secretHashing'
import { BulkInserter } from './batchInsert'
import { loadDemoData } from './loadDemoData'
import type { IdCursor } from './syntheticCases'
import { type FlatChunk, inlineSource, workerSource } from './syntheticSource'

/** Every synthetic parent with an account signs in as p<participant id> with these. */
export const SYNTHETIC_PASSWORD = 'Synthetic-Parent-2468'
export const SYNTHETIC_PIN = '135790'

/** Cases per transaction: large enough that commits are rare, small enough to keep memory flat. */
const CASES_PER_CHUNK = 500

export class SeedRefusedError extends Error {}

export interface SeedOptions {
  cases: number
  today: IsoDate
  ssnHmacKey: string
  /** Write into a database that already holds data (new rows get ids after the existing ones). */
  force?: boolean
  /** Another seed gives another caseload; the same seed and day give the same rows. */
  seed?: number
  onProgress?: (casesDone: number) => void
  /** Told when the rows are in and the indexes are being built (a long step at a million cases). */
  onIndexing?: () => void
  /** Generate on a second core (the command); tests under ts-jest generate in-process. */
  generateIn?: 'worker' | 'this-thread'
}

export interface SeedResult {
  cases: number
  ledgerRows: number
  participants: number
}

export async function seedDatabase(handle: DatabaseHandle, options: SeedOptions): Promise<SeedResult> {
  const { db, dialect } = handle
  await migrateToLatest(db, dialect)
  const existing = await db.selectFrom('participants').select('id').limit(1).executeTakeFirst()
  if (existing && !options.force) throw new SeedRefusedError('the database already holds data; pass --force to add to it')
  if (dialect === 'sqlite') await bulkLoadPragmas(db, 'on')
  // Into empty tables, the secondary indexes are built once at the end from sorted rows, rather than kept up to date
  // row by row (participants' digests, phones and names land all over their indexes). Into a database that already
  // holds many rows (--force), rebuilding would cost more than it saves.
  const deferred = existing ? [] : await dropSecondaryIndexes(db, dialect)
  try {
    return await seedInto(handle, options)
  } finally {
    if (deferred.length > 0) options.onIndexing?.()
    for (const index of deferred) await sql.raw(index.definition).execute(db)
    if (dialect === 'sqlite') await bulkLoadPragmas(db, 'off')
    if (dialect === 'postgres') for (const table of bulkTables) await sql`analyze ${sql.table(table)}`.execute(db)
  }
}

/**
 * A synthetic database can be rebuilt, so the bulk load trades crash safety for speed: no syncs, and the rollback
 * journal in memory rather than every page written twice through the write-ahead log. The generator writes parents
 * before children, so foreign-key checks would only repeat what it guarantees. The connection's usual settings
 * (connection.ts) come back afterwards.
 */
async function bulkLoadPragmas(db: Kysely<Database>, bulk: 'on' | 'off'): Promise<void> {
  await sql.raw(`pragma journal_mode = ${bulk === 'on' ? 'memory' : 'wal'}`).execute(db)
  await sql.raw(`pragma synchronous = ${bulk === 'on' ? 'off' : 'normal'}`).execute(db)
  await sql.raw(`pragma foreign_keys = ${bulk === 'on' ? 'off' : 'on'}`).execute(db)
  await sql.raw(`pragma cache_size = ${bulk === 'on' ? -524_288 : -2_000}`).execute(db)
  await sql.raw(`pragma temp_store = ${bulk === 'on' ? 'memory' : 'default'}`).execute(db)
}

/** The tables the synthetic generator fills. */
const bulkTables = ['participants', 'cases', 'case_roles', 'orders', 'ledger', 'enforcement', 'accounts'] as const

interface IndexDefinition {
  name: string
  definition: string
}

/**
 * Drops the bulk tables' indexes that no constraint owns (those a migration made with CREATE INDEX) and returns how
 * to make each again, verbatim. Primary keys and UNIQUE columns stay: the load relies on them.
 */
async function dropSecondaryIndexes(db: Kysely<Database>, dialect: DatabaseHandle['dialect']): Promise<IndexDefinition[]> {
  const tables = sql.join(bulkTables.map((t) => sql.lit(t)))
  const { rows } =
    dialect === 'sqlite'
      ? await sql<IndexDefinition>`select name, sql as definition from sqlite_master
          where type = 'index' and sql is not null and tbl_name in (${tables}) order by name`.execute(db)
      : await sql<IndexDefinition>`select indexname as name, indexdef as definition from pg_indexes i
          where schemaname = current_schema() and tablename in (${tables})
          and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
          order by indexname`.execute(db)
  for (const index of rows) await sql`drop index ${sql.id(index.name)}`.execute(db)
  return rows
}

async function seedInto({ db, dialect }: DatabaseHandle, options: SeedOptions): Promise<SeedResult> {
  await db.transaction().execute((trx) => loadDemoData(trx, { ssnHmacKey: options.ssnHmacKey, today: options.today }))

  // Hashed once and shared by every synthetic account: at ~6 ms an Argon2id hash, hashing per account would take
  // hours for a million cases, and a benchmark needs the real verify cost at sign-in, not unique salts.
  const [passwordHash, pinHash] = await Promise.all([hashSecret(SYNTHETIC_PASSWORD), hashSecret(SYNTHETIC_PIN)])
  const ids = await nextIds(db)
  const context = { today: options.today, ssnHmacKey: options.ssnHmacKey, seed: options.seed ?? 20_240_601, passwordHash, pinHash }
  const inserter = new BulkInserter(dialect)
  const pgBulkSettings = dialect === 'postgres' ? await postgresBulkSettings(db) : []
  const source = options.generateIn === 'worker' ? workerSource(ids, context) : inlineSource(ids, context)
  const result: SeedResult = { cases: 0, ledgerRows: 0, participants: 0 }
  const chunkSize = (done: number) => Math.min(CASES_PER_CHUNK, options.cases - done)
  try {
    // A failed request is reported where it is awaited; until then it must not count as unhandled.
    const request = (done: number) => {
      const promise = source.next(chunkSize(done))
      promise.catch(() => undefined)
      return promise
    }
    let pending = request(0)
    while (result.cases < options.cases) {
      const chunk = await pending
      const done = result.cases + chunk.cases
      // Ask for the next chunk before writing this one, so the worker generates while the database writes.
      if (done < options.cases) pending = request(done)
      await db.transaction().execute(async (trx) => {
        for (const setting of pgBulkSettings) await sql.raw(setting).execute(trx)
        await insertChunk(trx, inserter, chunk)
      })
      result.cases = done
      result.ledgerRows += chunk.ledgerRows
      result.participants += chunk.participants
      options.onProgress?.(done)
    }
  } finally {
    await source.close()
  }
  if (dialect === 'postgres') await resetSequences(db)
  return result
}

async function insertChunk(db: Kysely<Database>, inserter: BulkInserter, chunk: FlatChunk): Promise<void> {
  for (const rows of chunk.tables) await inserter.insertRows(db, rows)
}

/**
 * PostgreSQL's counterpart of the SQLite pragmas, for one chunk's transaction: commit without waiting for the disk,
 * and, where the role may (a superuser), without the foreign-key triggers' lookup for every row.
 */
async function postgresBulkSettings(db: Kysely<Database>): Promise<string[]> {
  const settings = ['set local synchronous_commit = off']
  try {
    await db.transaction().execute((trx) => sql.raw('set local session_replication_role = replica').execute(trx))
    settings.push('set local session_replication_role = replica')
  } catch {
    // Not a superuser: the triggers stay, which is slower but the same rows.
  }
  return settings
}

const tablesWithIds = ['participants', 'cases', 'orders', 'ledger', 'enforcement'] as const

/** Synthetic rows carry their own ids (so a fee can name its payment without a round trip); start after the last. */
async function nextIds(db: Kysely<Database>): Promise<IdCursor> {
  const next = async (table: (typeof tablesWithIds)[number]) => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.max('id').as('last')).executeTakeFirst()
    return Number(row?.last ?? 0) + 1
  }
  return {
    participant: await next('participants'),
    case: await next('cases'),
    order: await next('orders'),
    ledger: await next('ledger'),
    enforcement: await next('enforcement'),
  }
}

/** PostgreSQL's serial sequences do not see ids written explicitly; move them past the last one. */
async function resetSequences(db: Kysely<Database>): Promise<void> {
  for (const table of tablesWithIds) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db)
  }
}
