// The two ways an alert reaches a parent, as ports: the delivery worker speaks to these, and adapters put them on
// Twilio's Messaging API (telephony/twilioTextMessages.ts) and on SMTP (email/smtpEmailMessages.ts). Tests point the
// adapters at local fakes of both.

export type AlertChannel = 'text' | 'email'
export const alertChannels: readonly AlertChannel[] = ['text', 'email']

export interface TextMessage {
  /** E.164. */
  to: string
  body: string
  /** Where Twilio reports delivered or failed (a signed webhook of ours), when the portal has a public address. */
  statusCallback?: string
}

export interface EmailMessage {
  to: string
  subject: string
  /** The plain-text part: every email has one. */
  text: string
  language: 'en' | 'es'
  /** For the List-Unsubscribe header: where the parent turns these emails off. */
  unsubscribeUrl: string
}

export interface TextMessages {
  send(message: TextMessage): Promise<{ providerId: string }>
}

export interface EmailMessages {
  send(message: EmailMessage): Promise<{ providerId: string }>
}

/**
 * A send that did not happen. `permanent`: trying again cannot help (a number that is not a mobile, a recipient who
 * unsubscribed at the carrier, an address the server refuses); otherwise the worker tries again later. `reason` is a
 * code, never the provider's message, which can quote the number or the address.
 */
export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed'
  constructor(
    readonly permanent: boolean,
    readonly reason: string,
  ) {
    super(`delivery failed: ${reason}`)
  }
}
