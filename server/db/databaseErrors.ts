import { DatabaseUnavailableError } from '../errors'
import type { SqlDialect } from './dialect'

export { DatabaseUnavailableError }

// PostgreSQL's SQLSTATE codes that mean "not now" rather than "wrong query": query_canceled (statement_timeout),
// lock_not_available (lock_timeout), idle_in_transaction_session_timeout, admin_shutdown and crash_shutdown
// (pg_terminate_backend, a restart), cannot_connect_now, too_many_connections, and the connection_exception class.
const postgresUnavailableCodes = new Set(['57014', '55P03', '25P03', '57P01', '57P02', '57P03', '53300'])
// Errors of the pg driver itself: its connection was cut, or the client-side query timeout fired.
const postgresClientFailures = /Connection terminated|Query read timeout|Client has encountered a connection error|timeout exceeded when trying to connect|not queryable/i
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])

const sqliteUnavailableCodes = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED'])

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Whether a query's failure means the database is unavailable (as opposed to a bug or a constraint). */
export function isUnavailability(error: unknown, dialect: SqlDialect): boolean {
  if (error instanceof DatabaseUnavailableError) return true
  const code = codeOf(error)
  if (dialect === 'sqlite') return code !== undefined && sqliteUnavailableCodes.has(code)
  if (code && (postgresUnavailableCodes.has(code) || code.startsWith('08') || socketCodes.has(code))) return true
  return error instanceof Error && postgresClientFailures.test(error.message)
}

/**
 * Whether a query failed because its connection is gone for good (the server ended it, or the socket broke), as
 * opposed to a query that timed out or waited on a lock on a connection that still works.
 */
export function isConnectionLost(error: unknown): boolean {
  const code = codeOf(error)
  if ((error as { severity?: unknown } | null)?.severity === 'FATAL') return true
  if (code && (code.startsWith('57P') || code.startsWith('08') || socketCodes.has(code))) return true
  return error instanceof Error && /Connection terminated|not queryable/i.test(error.message)
}

/** The error to throw for a failed query: the typed error when the database is unavailable, else the original. */
export function classifyDatabaseError(error: unknown, dialect: SqlDialect): unknown {
  if (error instanceof DatabaseUnavailableError || !isUnavailability(error, dialect)) return error
  return new DatabaseUnavailableError(`${dialect} database unavailable: ${(error as Error).message}`, { code: codeOf(error), cause: error })
}
