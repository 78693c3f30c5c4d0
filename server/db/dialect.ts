export type SqlDialect = 'sqlite' | 'postgres'

export type DatabaseLocation =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgres'; connectionString: string }

/**
 * How long the database may keep a request waiting. statementMs: one query (PostgreSQL statement_timeout);
 * lockMs: a wait on another session's lock (PostgreSQL lock_timeout; SQLite: another process's write lock);
 * acquireMs: a wait for a connection of the pool (SQLite: for its one connection). 0: no limit (lockMs, statementMs).
 */
export interface DatabaseTimeouts {
  statementMs: number
  lockMs: number
  acquireMs: number
}

export class DatabaseUrlError extends Error {}

/** `sqlite:<path>`, `sqlite::memory:` or `postgres://…`; anything else is refused with a one-line reason. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (!filename) throw new DatabaseUrlError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/portal.db')
    return { dialect: 'sqlite', filename }
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const parsed = new URL(url)
      if (!parsed.hostname) throw new Error('no host')
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user@host:port/database)`)
    }
    return { dialect: 'postgres', connectionString: url }
  }
  throw new DatabaseUrlError('DATABASE_URL must start with sqlite: or postgres:// (got something else)')
}
