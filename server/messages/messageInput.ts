// The checks every written message passes before it is stored, the parent's and the representative's alike. Each
// problem is a field and a message key, so a page says it in the reader's language and keeps what they typed.
import { type CallbackTopic, callbackTopics, type FieldIssue } from '../callbacks/callbackRequest'

/** About two printed pages: enough for any question, short enough to read in the queue. */
export const maxMessageLength = 4000

export const messageErrorKeys = {
  bodyRequired: 'messages:errors.bodyRequired',
  bodyTooLong: 'messages:errors.bodyTooLong',
  bodyInvalid: 'messages:errors.bodyInvalid',
  topicUnknown: 'messages:errors.topicUnknown',
  caseRequired: 'messages:errors.caseRequired',
  changeCaseRequired: 'changes:errors.caseRequired',
} as const

/** Input a channel passed that the domain refuses; nothing was stored. */
export class MessageValidationError extends Error {
  override readonly name = 'MessageValidationError'
  constructor(readonly issues: readonly FieldIssue[]) {
    super(`message refused: ${issues.map((i) => `${i.field} ${i.messageKey}`).join('; ')}`)
  }
}

// Control characters other than tab and line breaks have no place in a letter; NUL would also be refused by
// PostgreSQL's text type (a 500 there but not on SQLite), so it is refused here for both.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** The body as stored: line breaks made uniform, outer blank space trimmed. */
export function checkMessageBody(raw: unknown): { ok: true; body: string } | { ok: false; issue: FieldIssue } {
  const body = (typeof raw === 'string' ? raw : '').replace(/\r\n?/g, '\n').trim()
  if (body.length === 0) return { ok: false, issue: { field: 'body', messageKey: messageErrorKeys.bodyRequired } }
  if (body.length > maxMessageLength) return { ok: false, issue: { field: 'body', messageKey: messageErrorKeys.bodyTooLong } }
  if (controlCharacters.test(body)) return { ok: false, issue: { field: 'body', messageKey: messageErrorKeys.bodyInvalid } }
  return { ok: true, body }
}

export function isMessageTopic(value: unknown): value is CallbackTopic {
  return typeof value === 'string' && (callbackTopics as readonly string[]).includes(value)
}
