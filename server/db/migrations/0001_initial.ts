import type { Kysely, Migration } from 'kysely'

import type { SqlDialect } from '../dialect'

// The first schema, written once for both dialects. An integer identity column is the one place the
// dialects differ; `autoIncrementId` hides it.

type Schema = Kysely<unknown>
type CreateTable = ReturnType<Schema['schema']['createTable']>

export function initialSchema(dialect: SqlDialect): Migration {
  const autoIncrementId = (table: CreateTable) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'serial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())

  return {
    async up(db: Schema) {
      await autoIncrementId(db.schema.createTable('participants'))
        .addColumn('par_id', 'text', (c) => c.notNull().unique())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'text', (c) => c.notNull())
        .addColumn('ssn_hmac', 'text', (c) => c.notNull())
        .addColumn('ssn_last4', 'text', (c) => c.notNull())
        .addColumn('phone_primary', 'text')
        .addColumn('phone_mobile', 'text')
        .addColumn('email', 'text')
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('address_line1', 'text')
        .addColumn('address_line2', 'text')
        .addColumn('city', 'text')
        .addColumn('state', 'text')
        .addColumn('postal_code', 'text')
        .addColumn('employer_name', 'text')
        .addColumn('household_income_cents', 'integer')
        .addColumn('household_size', 'integer')
        .addColumn('family_violence', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active_military', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('released_from_incarceration_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      // The phone line finds a caller by caller ID.
      await db.schema.createIndex('participants_phone_primary').on('participants').column('phone_primary').execute()
      await db.schema.createIndex('participants_ssn_hmac').on('participants').column('ssn_hmac').execute()

      await autoIncrementId(db.schema.createTable('cases'))
        .addColumn('case_number', 'text', (c) => c.notNull().unique())
        .addColumn('county', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assistance_status', 'text', (c) => c.notNull())
        .addColumn('processing_stage', 'text', (c) => c.notNull())
        .addColumn('interest_rate_bp', 'integer', (c) => c.notNull().defaultTo(1000))
        .addColumn('interest_rate_basis', 'text', (c) => c.notNull().defaultTo('statutory'))
        .addColumn('caseworker_name', 'text', (c) => c.notNull())
        .addColumn('office_code', 'text', (c) => c.notNull())
        .addColumn('opened_on', 'text', (c) => c.notNull())
        .addColumn('enforcement_ended_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('case_roles')
        .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_roles_pk', ['case_id', 'participant_id', 'role'])
        .execute()
      // Every parent-facing read starts from "which cases is this participant on".
      await db.schema.createIndex('case_roles_participant').on('case_roles').columns(['participant_id', 'case_id']).execute()

      await autoIncrementId(db.schema.createTable('orders'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('monthly_cents', 'integer', (c) => c.notNull())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('effective_to', 'text')
        .addColumn('court_case_number', 'text')
        .execute()
      await db.schema.createIndex('orders_case').on('orders').column('case_id').execute()

      await autoIncrementId(db.schema.createTable('ledger'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('posted_on', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('bucket', 'text')
        .addColumn('owed_to', 'text')
        .addColumn('order_kind', 'text')
        .addColumn('method', 'text')
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('related_entry_id', 'integer')
        .addColumn('reason', 'text')
        .addColumn('reference', 'text')
        .execute()
      await db.schema.createIndex('ledger_case_posted').on('ledger').columns(['case_id', 'posted_on', 'id']).execute()

      await autoIncrementId(db.schema.createTable('enforcement'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_on', 'text', (c) => c.notNull())
        .addColumn('status_changed_on', 'text', (c) => c.notNull())
        .addColumn('employer_name', 'text')
        .execute()
      await db.schema.createIndex('enforcement_case').on('enforcement').column('case_id').execute()

      await autoIncrementId(db.schema.createTable('events'))
        .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('participant_id', 'integer', (c) => c.references('participants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('scheduled_for', 'text', (c) => c.notNull())
        .addColumn('location', 'text')
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('events_case_scheduled').on('events').columns(['case_id', 'scheduled_for']).execute()

      await db.schema
        .createTable('accounts')
        .addColumn('participant_id', 'integer', (c) => c.primaryKey().references('participants.id').onDelete('cascade'))
        .addColumn('username', 'text', (c) => c.unique())
        .addColumn('password_hash', 'text')
        .addColumn('pin_hash', 'text')
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('activated_at', 'text')
        .addColumn('last_sign_in_at', 'text')
        .execute()

      await autoIncrementId(db.schema.createTable('staff'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .execute()

      await autoIncrementId(db.schema.createTable('callbacks'))
        .addColumn('confirmation_code', 'text', (c) => c.notNull().unique())
        .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
        .addColumn('participant_id', 'integer', (c) => c.references('participants.id'))
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('preferred_window', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('call_sid', 'text')
        .addColumn('phone_context', 'text')
        .addColumn('due_by', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'integer', (c) => c.references('staff.id'))
        .addColumn('claimed_at', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_after', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute()
      // The queue reads open requests by due time; a parent reads their own.
      await db.schema.createIndex('callbacks_status_due').on('callbacks').columns(['status', 'due_by']).execute()
      await db.schema.createIndex('callbacks_participant').on('callbacks').columns(['participant_id', 'created_at']).execute()

      await autoIncrementId(db.schema.createTable('callback_attempts'))
        .addColumn('callback_id', 'integer', (c) => c.notNull().references('callbacks.id').onDelete('cascade'))
        .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
        .addColumn('attempted_at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute()
      await db.schema.createIndex('callback_attempts_callback').on('callback_attempts').column('callback_id').execute()

      await db.schema
        .createTable('calls')
        .addColumn('call_sid', 'text', (c) => c.primaryKey())
        .addColumn('from_number', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('participant_id', 'integer', (c) => c.references('participants.id'))
        .addColumn('identified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('duration_seconds', 'integer')
        .execute()
      await db.schema.createIndex('calls_started').on('calls').column('started_at').execute()

      await autoIncrementId(db.schema.createTable('audit_events'))
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('case_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .execute()
      await db.schema.createIndex('audit_events_case').on('audit_events').columns(['case_id', 'occurred_at']).execute()

      await db.schema
        .createTable('sessions')
        .addColumn('sid', 'text', (c) => c.primaryKey())
        .addColumn('sess', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute()
    },

    async down(db: Schema) {
      for (const table of [
        'sessions', 'audit_events', 'calls', 'callback_attempts', 'callbacks', 'staff', 'accounts',
        'events', 'enforcement', 'ledger', 'orders', 'case_roles', 'cases', 'participants',
      ]) {
        await db.schema.dropTable(table).ifExists().execute()
      }
    },
  }
}
