import nodemailer from 'nodemailer'

import { DeliveryFailed, type EmailMessage, type EmailMessages } from '../alerts/alertChannels'

// The EmailMessages port on SMTP, through nodemailer: the agency's mail relay in production (SMTP_URL, e.g.
// smtps://user:password@relay.example.gov), a real SMTP server run in-process by the tests.

export function createSmtpEmailMessages(settings: { url: string; from: string }): EmailMessages & { close(): void } {
  const transport = nodemailer.createTransport({
    url: settings.url,
    // Bounded at every step, so a relay that stops answering never holds the delivery worker.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  })

  return {
    async send(message: EmailMessage) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          headers: { 'Content-Language': message.language },
          list: { unsubscribe: message.unsubscribeUrl },
        })
        return { providerId: String(info.messageId) }
      } catch (error) {
        // A 5xx reply is the relay refusing this message for good (an unknown mailbox, a refused sender); anything
        // else (4xx, a timeout, a dropped connection) may pass later. Only the code leaves here: the relay's text
        // can quote the address.
        const responseCode = (error as { responseCode?: unknown }).responseCode
        const code = typeof responseCode === 'number' ? responseCode : null
        throw new DeliveryFailed(code !== null && code >= 500, `smtp ${code ?? (error as { code?: unknown }).code ?? 'failed'}`)
      }
    },
    close() {
      transport.close()
    },
  }
}
