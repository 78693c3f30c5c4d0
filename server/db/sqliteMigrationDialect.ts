import { type DialectAdapter, type Kysely, type MigrationLockOptions, SqliteAdapter, SqliteDialect } from 'kysely'

/**
 * SQLite runs DDL inside transactions, but Kysely's stock SQLite adapter says it does not and takes no lock,
 * so two processes starting on one file could both run the same migration. This adapter runs migrations in a
 * transaction whose first statement is a write to the lock row: that takes SQLite's write lock at once, the
 * second process waits (busy timeout) until the first commits, then finds nothing left to do.
 */
class LockingSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }

  override async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await (db as Kysely<Record<string, { id: string; is_locked: number }>>)
      .updateTable(options.lockTable)
      .set({ is_locked: 1 })
      .where('id', '=', options.lockRowId)
      .execute()
  }

  override async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await (db as Kysely<Record<string, { id: string; is_locked: number }>>)
      .updateTable(options.lockTable)
      .set({ is_locked: 0 })
      .where('id', '=', options.lockRowId)
      .execute()
  }
}

export class LockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter()
  }
}
