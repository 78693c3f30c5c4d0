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

export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'errors:forbidden.title')
  }
}
