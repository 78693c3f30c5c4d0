import type { AddressInfo } from 'node:net'

import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

// A real SMTP server, run in-process, that keeps what it receives: the email adapter talks SMTP to it exactly as it
// would to the agency's relay, and tests read each message back parsed as a mail client would (headers, the
// plain-text part, quoted-printable Spanish decoded).

export interface ReceivedEmail {
  envelopeTo: string[]
  mail: ParsedMail
}

export interface SmtpTestServer {
  url: string
  received: ReceivedEmail[]
  /** Refuse the next messages with this SMTP reply code (4xx: try later; 5xx: never), until `accept()`. */
  refuse(code: number): void
  accept(): void
  close(): Promise<void>
}

export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const received: ReceivedEmail[] = []
  let refusal: number | null = null
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusal !== null) {
        const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: refusal })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail })
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(code) {
      refusal = code
    },
    accept() {
      refusal = null
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
