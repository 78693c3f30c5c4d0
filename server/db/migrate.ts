import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'

import type { SqlDialect } from './dialect'
import { initialSchema } from './migrations/0001_initial'
import { callbacksSchema } from './migrations/0002_callbacks'
import { staffPhoneSchema } from './migrations/0003_staff_phone'
import { phoneGuardsSchema } from './migrations/0004_phone_guards'
import { participantMobileIndexSchema } from './migrations/0005_participant_mobile_index'
import { identityGuardsSchema } from './migrations/0006_identity_guards'
import { messagesSchema } from './migrations/0008_messages'
import { auditParticipantSchema } from './migrations/0009_audit_participant'
import { callbackDetailsSchema } from './migrations/0010_callback_details'
import { alertOutboxSchema } from './migrations/0011_alert_outbox'
import { textKeywordsSchema } from './migrations/0012_text_keywords'
import { intakeSchema } from './migrations/0013_intake'
import { participantNameIndexSchema } from './migrations/0014_participant_name_index'
import { messageDocumentsSchema } from './migrations/0015_message_documents'
import { alertSettingsSchema } from './migrations/0019_alert_settings'
import { intakeCaseRecordsSchema } from './migrations/0022_intake_case_records'
import { alertOutboxCreatedSchema } from './migrations/0023_alert_outbox_created'
import type { Database } from './schema'

function migrationsFor(dialect: SqlDialect): Record<string, Migration> {
  return {
    '0001_initial': initialSchema(dialect),
    '0002_callbacks': callbacksSchema(dialect),
    '0003_staff_phone': staffPhoneSchema(dialect),
    '0004_phone_guards': phoneGuardsSchema(dialect),
    '0005_participant_mobile_index': participantMobileIndexSchema(dialect),
    '0006_identity_guards': identityGuardsSchema(dialect),
    '0008_messages': messagesSchema(dialect),
    '0009_audit_participant': auditParticipantSchema(dialect),
    '0010_callback_details': callbackDetailsSchema(dialect),
    '0011_alert_outbox': alertOutboxSchema(dialect),
    '0012_text_keywords': textKeywordsSchema(dialect),
    '0013_intake': intakeSchema(dialect),
    '0014_participant_name_index': participantNameIndexSchema(dialect),
    '0015_message_documents': messageDocumentsSchema(dialect),
    '0019_alert_settings': alertSettingsSchema(dialect),
    '0022_intake_case_records': intakeCaseRecordsSchema(dialect),
    '0023_alert_outbox_created': alertOutboxCreatedSchema(dialect),
  }
}

/** Every migration's name, in the order they apply to a new database. */
export function migrationNames(dialect: SqlDialect): string[] {
  return Object.keys(migrationsFor(dialect)).sort()
}

class InCodeMigrations implements MigrationProvider {
  constructor(private readonly dialect: SqlDialect) {}
  async getMigrations() {
    return migrationsFor(this.dialect)
  }
}

export class MigrationError extends Error {}

// Arbitrary constants naming this application's cross-process locks.
const migrationLockKey = 72271000
const startupLockKey = 72271001

const busyCodes = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED'])

/**
 * Brings the schema up to date. Safe when several processes start at once: the migrator runs in one
 * transaction under a lock (PostgreSQL: a table lock; SQLite: the file's write lock, see
 * sqliteMigrationDialect.ts), so the second process waits and then finds the work done.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: SqlDialect): Promise<string[]> {
  if (dialect === 'sqlite') return runMigrations(db, dialect)
  // Kysely creates its own bookkeeping tables before it takes its lock, and two PostgreSQL sessions
  // creating one table at once can collide; an advisory lock around the whole run rules that out.
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${migrationLockKey})`.execute(connection)
    try {
      return await runMigrations(connection, dialect)
    } finally {
      await sql`select pg_advisory_unlock(${migrationLockKey})`.execute(connection)
    }
  })
}

async function runMigrations(db: Kysely<Database>, dialect: SqlDialect): Promise<string[]> {
  // Features are built side by side and land in any order, so a database that already has a later-numbered
  // migration still takes an earlier number that lands after it. Each migration touches only its own tables.
  const migrator = new Migrator({ db, provider: new InCodeMigrations(dialect), allowUnorderedMigrations: true })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw new MigrationError(`database migration failed: ${(error as Error).message ?? String(error)}`)
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * Runs `work` in a transaction while holding a database-wide lock, so that two starting processes do it once,
 * one after the other (the second sees the first one's work).
 */
export async function withStartupLock<T>(
  db: Kysely<Database>,
  dialect: SqlDialect,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') {
    return db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${startupLockKey})`.execute(connection)
      try {
        return await connection.transaction().execute(work)
      } finally {
        await sql`select pg_advisory_unlock(${startupLockKey})`.execute(connection)
      }
    })
  }
  // One SQLite file is written by one writer at a time; `work` runs in a transaction that is retried if
  // another process wrote first, and by then it sees that process's work.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work)
    } catch (error) {
      const code = (error as { code?: string }).code
      if (!code || !busyCodes.has(code) || attempt >= 20) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
    }
  }
}
