// Rows of the callbacks tables as the domain sees them, and the drivers' unique-violation errors as the rule they
// broke: the mapping callbackRepository.ts reads and writes through.
import type { Selectable } from 'kysely'

import type { CallbackAttemptsTable, CallbacksTable, Database } from '../db/schema'
import type { Callback, CallbackAttempt, CallbackStatus } from './callbackRecord'
import type { CallbackTopic, JsonObject } from './callbackRequest'
import type { CallbackWindow } from './serviceLevel'

// schema.ts lists the statuses 0001 knew; this domain adds 'unreachable' (callbackRecord.ts). The column is text
// with no check, so only the type differs. Once schema.ts's CallbackStatus includes 'unreachable' this view of the
// tables equals `Database` and the cast in `createCallbackRepository` can go.
export type CallbacksView = Omit<CallbacksTable, 'status'> & { status: CallbackStatus }
export type CallbackTables = Omit<Database, 'callbacks'> & { callbacks: CallbacksView }
export type CallbackRow = Selectable<CallbacksView>
type AttemptRow = Selectable<CallbackAttemptsTable>

export type UniqueViolation = 'confirmation_code' | 'pending_request'

/** Which unique rule an insert broke, from either driver's error; null for any other error. */
export function uniqueViolationOf(error: unknown): UniqueViolation | null {
  const { code, constraint, message } = (error ?? {}) as { code?: string; constraint?: string; message?: string }
  // PostgreSQL: SQLSTATE 23505 names the constraint; better-sqlite3: SQLITE_CONSTRAINT_UNIQUE names columns or index.
  if (code === '23505') {
    if (constraint === 'callbacks_one_pending_request') return 'pending_request'
    if (constraint?.includes('confirmation_code')) return 'confirmation_code'
    return null
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && message) {
    if (message.includes('callbacks_one_pending_request')) return 'pending_request'
    if (message.includes('callbacks.confirmation_code')) return 'confirmation_code'
  }
  return null
}

export const iso = (date: Date) => date.toISOString()
export const dateOrNull = (value: string | null) => (value === null ? null : new Date(value))

function parseContext(text: string | null): JsonObject | null {
  if (text === null) return null
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null
  } catch {
    return null
  }
}

export function callbackFromRow(row: CallbackRow): Callback {
  return {
    id: row.id,
    confirmationCode: row.confirmation_code,
    caseId: row.case_id,
    participantId: row.participant_id,
    phone: row.phone,
    language: row.language,
    topic: row.topic as CallbackTopic,
    preferredWindow: row.preferred_window as CallbackWindow,
    channel: row.channel,
    callSid: row.call_sid,
    phoneContext: parseContext(row.phone_context),
    details: row.details,
    dueBy: new Date(row.due_by),
    status: row.status,
    claimedBy: row.claimed_by,
    claimedAt: dateOrNull(row.claimed_at),
    attempts: Number(row.attempts),
    nextAttemptAfter: dateOrNull(row.next_attempt_after),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    closedAt: dateOrNull(row.closed_at),
  }
}

export function attemptFromRow(row: AttemptRow): CallbackAttempt {
  return {
    id: row.id,
    callbackId: row.callback_id,
    staffId: row.staff_id,
    attemptedAt: new Date(row.attempted_at),
    outcome: row.outcome,
    note: row.note,
  }
}
