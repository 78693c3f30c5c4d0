import { type Kysely, type Migration, sql } from 'kysely'

import type { SqlDialect } from '../dialect'

// What sign-in needs to hold under many processes and to keep one parent from being used against the other:
// - rate_limits: the counters of rate-limiter-flexible (its own shape: key, points, expiry in epoch milliseconds),
//   created here rather than by the library at run time, so the schema has one owner and every process finds it.
// - security_notices: "someone tried to activate or reset your account with wrong details", kept until the parent
//   has seen it at their next sign-in (texts and emails come with the outbox). One unseen notice per parent and
//   kind, counted by an upsert on the partial unique index, so simultaneous attempts add to one notice.
// - sessions.principal: whose session a row is ("parent:12", "staff:3"), so a password reset can end the others.

type Schema = Kysely<unknown>
type CreateTable = ReturnType<Schema['schema']['createTable']>

export function identityGuardsSchema(dialect: SqlDialect): Migration {
  const autoIncrementId = (table: CreateTable) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'serial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())

  return {
    async up(db: Schema) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', dialect === 'postgres' ? 'varchar(255)' : 'text', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute()
      await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute()

      await autoIncrementId(db.schema.createTable('security_notices'))
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'text')
        .execute()
      await sql`create unique index security_notices_one_unseen
        on security_notices (participant_id, kind) where seen_at is null`.execute(db)
      await db.schema.createIndex('security_notices_participant').on('security_notices').columns(['participant_id', 'seen_at']).execute()

      await db.schema.alterTable('sessions').addColumn('principal', 'text').execute()
      await db.schema.createIndex('sessions_principal').on('sessions').column('principal').execute()
    },

    async down(db: Schema) {
      await db.schema.dropIndex('sessions_principal').ifExists().execute()
      await db.schema.alterTable('sessions').dropColumn('principal').execute()
      await db.schema.dropTable('security_notices').ifExists().execute()
      await db.schema.dropTable('rate_limits').ifExists().execute()
    },
  }
}
