// Domain errors of the case-inquiry service. Channels map them to a status and a page or prompt; the domain never
// speaks HTTP. A case the principal may not read is "not found", exactly like a case that does not exist, so an
// answer never hints that a case number is real.

export class CaseNotFound extends Error {
  override readonly name = 'CaseNotFound'
  constructor(readonly caseId: unknown) {
    super('Case not found')
  }
}

/** A payment that is not on the case (or not a payment at all). */
export class PaymentNotFound extends Error {
  override readonly name = 'PaymentNotFound'
  constructor(readonly paymentId: unknown) {
    super('Payment not found')
  }
}

/** Input a person can correct (a date range, a page, a payoff amount); `messageKey` says what to fix. */
export class CaseInquiryInputError extends Error {
  override readonly name = 'CaseInquiryInputError'
  constructor(readonly messageKey: string) {
    super(messageKey)
  }
}
