import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

// A local stand-in for the two Twilio REST endpoints the app uses (create a call, create a message), so tests
// exercise twilio's real client, its form encoding and Basic auth, and no test reaches the network. It answers the
// way Twilio documents: 201 with the resource, or an error body { code, message, status } with the HTTP status.

export interface ReceivedCallRequest {
  /** The account SID in the URL. */
  accountSid: string
  /** Whether Basic auth matched the account SID and auth token the fake was started with. */
  authorized: boolean
  /** The form fields as sent: To, From, Url, Method, StatusCallback… */
  fields: Record<string, string>
  callSid: string | null
}

export interface ReceivedMessageRequest {
  accountSid: string
  authorized: boolean
  /** To, From or MessagingServiceSid, Body, StatusCallback… */
  fields: Record<string, string>
  messageSid: string | null
}

export interface FakeTwilioApi {
  /** For TWILIO_API_BASE_URL. */
  baseUrl: string
  accountSid: string
  authToken: string
  /** Every request to the Calls endpoint, in order, authorized or not. */
  received: ReceivedCallRequest[]
  /** Every request to the Messages endpoint, in order, authorized or not. */
  receivedMessages: ReceivedMessageRequest[]
  /** Answer the next call and message requests with this error, until `succeed()`. */
  fail(status: number, twilioCode: number, message: string): void
  succeed(): void
  close(): Promise<void>
}

const callsPath = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\.json$/
const messagesPath = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/

export const fakeAccountSid = 'AC' + 'f'.repeat(32)
export const fakeAuthToken = 'fake-twilio-auth-token'

export async function startFakeTwilioApi(
  credentials: { accountSid: string; authToken: string } = { accountSid: fakeAccountSid, authToken: fakeAuthToken },
): Promise<FakeTwilioApi> {
  const received: ReceivedCallRequest[] = []
  const receivedMessages: ReceivedMessageRequest[] = []
  let failure: { status: number; code: number; message: string } | null = null
  const expectedAuth = 'Basic ' + Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  const answerMessage = (res: http.ServerResponse, accountSid: string, fields: Record<string, string>) => {
    const authorized = res.req.headers.authorization === expectedAuth && accountSid === credentials.accountSid
    const record: ReceivedMessageRequest = { accountSid, authorized, fields, messageSid: null }
    receivedMessages.push(record)
    if (!authorized) return send(res, 401, { code: 20003, message: 'Authenticate', status: 401 })
    if (failure) return send(res, failure.status, { code: failure.code, message: failure.message, status: failure.status })
    if (!fields.To || !(fields.From || fields.MessagingServiceSid))
      return send(res, 400, { code: 21604, message: "A 'To' phone number and a 'From' number or Messaging Service are required", status: 400 })
    if (!fields.Body) return send(res, 400, { code: 21602, message: 'Message body is required', status: 400 })
    record.messageSid = 'SM' + randomBytes(16).toString('hex')
    const now = new Date().toUTCString()
    send(res, 201, {
      sid: record.messageSid,
      account_sid: accountSid,
      to: fields.To,
      from: fields.From ?? null,
      messaging_service_sid: fields.MessagingServiceSid ?? null,
      body: fields.Body,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      date_created: now,
      date_updated: now,
      api_version: '2010-04-01',
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${record.messageSid}.json`,
    })
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!
      const messageMatch = req.method === 'POST' ? messagesPath.exec(path) : null
      if (messageMatch) return answerMessage(res, messageMatch[1]!, Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))))
      const match = callsPath.exec(path)
      if (req.method !== 'POST' || !match) return send(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 })
      const accountSid = match[1]!
      const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
      const authorized = req.headers.authorization === expectedAuth && accountSid === credentials.accountSid
      const record: ReceivedCallRequest = { accountSid, authorized, fields, callSid: null }
      received.push(record)

      if (!authorized) return send(res, 401, { code: 20003, message: 'Authenticate', status: 401 })
      if (failure) return send(res, failure.status, { code: failure.code, message: failure.message, status: failure.status })
      if (!fields.To || !fields.From || !fields.Url)
        return send(res, 400, { code: 21201, message: 'No called number, caller ID or URL is specified', status: 400 })

      record.callSid = 'CA' + randomBytes(16).toString('hex')
      const now = new Date().toUTCString()
      send(res, 201, {
        sid: record.callSid,
        account_sid: accountSid,
        to: fields.To,
        from: fields.From,
        status: 'queued',
        direction: 'outbound-api',
        date_created: now,
        date_updated: now,
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${accountSid}/Calls/${record.callSid}.json`,
      })
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ...credentials,
    received,
    receivedMessages,
    fail(status, code, message) {
      failure = { status, code, message }
    },
    succeed() {
      failure = null
    },
    close() {
      // twilio's client keeps connections alive; end them so the test process can exit.
      server.closeAllConnections()
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}
