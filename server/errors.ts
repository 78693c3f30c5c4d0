// Errors a request can end in; the error handler maps each to a status and a page in the user's language.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
  ) {
    super(messageKey)
  }
}

export class NotFoundError extends HttpError {
  constructor() {
    super(404, 'errors:notFound.title')
  }
}

/** This account may not open the page (a representative on a supervisor's page). */
export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'errors:notAllowed.title')
  }
}

/**
 * The database did not answer in time or would not take a connection: a query ran past its timeout, waited past
 * the lock timeout, found no free connection, or the server refused or dropped it. Nothing was changed by the
 * failed statement; the request can be tried again later. The web answers 503 with an outage page, the phone line
 * apologises. `code` keeps the driver's own code (SQLITE_BUSY, 57014, …) for code that retries on it.
 */
export class DatabaseUnavailableError extends Error {
  readonly code: string | undefined

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'DatabaseUnavailableError'
    this.code = options.code
  }
}
