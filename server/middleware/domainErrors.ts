import type { NextFunction, Request, Response } from 'express'

import { CaseInquiryInputError, CaseNotFound, PaymentNotFound } from '../cases/caseErrors'
import { StaffOnly } from '../cases/staffCaseDirectory'
import { ForbiddenError, HttpError, NotFoundError } from '../errors'

// The domain speaks no HTTP; this is where its errors become one. A case (or payment) that is not the parent's is
// "not found", exactly like one that does not exist, so the page never hints that it is real.
export function mapDomainErrors(error: unknown, _req: Request, _res: Response, next: NextFunction) {
  if (error instanceof CaseNotFound || error instanceof PaymentNotFound) return next(new NotFoundError())
  if (error instanceof StaffOnly) return next(new ForbiddenError())
  if (error instanceof CaseInquiryInputError) return next(new HttpError(400, error.messageKey))
  next(error)
}
