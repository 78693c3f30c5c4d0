// What a callback request is made of, and the checks every channel's request passes before it is stored. Each
// problem comes back as a field and a message key, so the web form and the phone prompt say it in their own way.
import parsePhoneNumber, { type CountryCode } from 'libphonenumber-js/max'

import type { CallbacksTable } from '../db/schema'
import { type CallbackWindow, isCallbackWindow } from './serviceLevel'

export const callbackTopics = ['balance', 'payments', 'license', 'order_change', 'documents', 'court', 'other'] as const
export type CallbackTopic = (typeof callbackTopics)[number]

export const callbackLanguages = ['en', 'es'] as const satisfies readonly CallbacksTable['language'][]
export type CallbackLanguage = (typeof callbackLanguages)[number]

export const callbackChannels = ['web', 'phone'] as const satisfies readonly CallbacksTable['channel'][]
export type CallbackChannel = (typeof callbackChannels)[number]

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

/**
 * Who is asking. A parent signed in on the web or identified on the phone asks for themselves; a staff member
 * files a request for a parent; nobody (an unidentified caller) can ask only about no case in particular.
 */
export type CallbackPrincipal = { kind: 'parent'; participantId: number } | { kind: 'staff'; staffId: number }

/** Untrusted: the fields arrive as a channel received them. */
export interface CallbackRequestInput {
  principal?: CallbackPrincipal
  caseId?: number | null
  participantId?: number | null
  phone: string
  language: string
  topic: string
  preferredWindow: string
  channel: string
  /** Twilio's CallSid of the call the request was made on. */
  callSid?: string | null
  /** What the phone line already told the caller (menu path, figures heard), shown to the representative. */
  phoneContext?: JsonObject | null
  /** What the parent wrote under "Tell us more", for the representative; optional. */
  details?: string | null
}

export interface ValidCallbackRequest {
  caseId: number | null
  participantId: number | null
  /** E.164, e.g. +19165550150. */
  phone: string
  language: CallbackLanguage
  topic: CallbackTopic
  preferredWindow: CallbackWindow
  channel: CallbackChannel
  callSid: string | null
  /** Serialized JSON. */
  phoneContext: string | null
  /** Trimmed, line ends as \n, at most `maxCallbackDetailsLength` characters; null when nothing was written. */
  details: string | null
}

export type CallbackRequestField = keyof CallbackRequestInput

/** A field and the message key that says what is wrong with it. */
export interface FieldIssue<Field extends string = string> {
  field: Field
  messageKey: string
}

/** Input a channel passed that the domain refuses; nothing was changed. Channels show `issues` by field. */
export class CallbackValidationError extends Error {
  constructor(readonly issues: readonly FieldIssue[]) {
    super(`callback input refused: ${issues.map((i) => `${i.field} ${i.messageKey}`).join('; ')}`)
  }
}

export const requestErrorKeys = {
  phoneRequired: 'callbacks:errors.phoneRequired',
  phoneInvalid: 'callbacks:errors.phoneInvalid',
  phoneNotUs: 'callbacks:errors.phoneNotUs',
  phoneNotCallable: 'callbacks:errors.phoneNotCallable',
  topicUnknown: 'callbacks:errors.topicUnknown',
  windowUnknown: 'callbacks:errors.windowUnknown',
  languageUnknown: 'callbacks:errors.languageUnknown',
  channelUnknown: 'callbacks:errors.channelUnknown',
  callSidInvalid: 'callbacks:errors.callSidInvalid',
  contextInvalid: 'callbacks:errors.contextInvalid',
  detailsTooLong: 'callbacks:errors.detailsTooLong',
  signInRequired: 'callbacks:errors.signInRequired',
  participantRequired: 'callbacks:errors.participantRequired',
  notYourCase: 'callbacks:errors.notYourCase',
} as const

// The United States and the territories that share its numbering plan; a Canadian +1 number is not a US number.
const usCountries: readonly CountryCode[] = ['US', 'PR', 'GU', 'VI', 'AS', 'MP']
const callSidPattern = /^CA[0-9a-f]{32}$/
const maxContextLength = 4000

/** Long enough for a question in a few sentences; a longer story is a message (server/messages), not a callback. */
export const maxCallbackDetailsLength = 500

export type DetailsCheck = { ok: true; details: string | null } | { ok: false; messageKey: string; params: { max: number; count: number } }

/**
 * The parent's "Tell us more": optional free text, trimmed, with line ends made alike, counted in characters as a
 * person counts them (an accented letter or an emoji is one). Control characters other than line breaks and tabs
 * are dropped: they are never typed, and a representative's page should show only what was.
 */
export function checkCallbackDetails(input: string | null | undefined): DetailsCheck {
  const text = (input ?? '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- the point is to remove control characters
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim()
  if (!text) return { ok: true, details: null }
  const count = [...text].length
  if (count > maxCallbackDetailsLength) return { ok: false, messageKey: requestErrorKeys.detailsTooLong, params: { max: maxCallbackDetailsLength, count } }
  return { ok: true, details: text }
}

export type PhoneCheck = { ok: true; e164: string } | { ok: false; messageKey: string }

/** A US number a representative can dial, in E.164. Premium-rate (900) numbers are refused: the agency pays. */
export function checkUsPhone(input: string): PhoneCheck {
  if (!input || !input.trim()) return { ok: false, messageKey: requestErrorKeys.phoneRequired }
  const parsed = parsePhoneNumber(input, { defaultCountry: 'US' })
  if (!parsed || !parsed.isValid()) return { ok: false, messageKey: requestErrorKeys.phoneInvalid }
  if (!parsed.country || !usCountries.includes(parsed.country)) return { ok: false, messageKey: requestErrorKeys.phoneNotUs }
  if (parsed.getType() === 'PREMIUM_RATE') return { ok: false, messageKey: requestErrorKeys.phoneNotCallable }
  return { ok: true, e164: parsed.number }
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value)

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0

export type RequestCheck =
  | { ok: true; request: ValidCallbackRequest }
  | { ok: false; issues: FieldIssue<CallbackRequestField>[] }

/**
 * Everything about a request that needs no database. Whether a parent holds a role on the case is checked by the
 * service, which can look.
 */
export function validateCallbackRequest(input: CallbackRequestInput): RequestCheck {
  const issues: FieldIssue<CallbackRequestField>[] = []
  const issue = (field: CallbackRequestField, messageKey: string) => issues.push({ field, messageKey })

  const phone = checkUsPhone(input.phone)
  if (!phone.ok) issue('phone', phone.messageKey)
  if (!isOneOf(callbackLanguages, input.language)) issue('language', requestErrorKeys.languageUnknown)
  if (!isOneOf(callbackTopics, input.topic)) issue('topic', requestErrorKeys.topicUnknown)
  if (!isCallbackWindow(input.preferredWindow)) issue('preferredWindow', requestErrorKeys.windowUnknown)
  if (!isOneOf(callbackChannels, input.channel)) issue('channel', requestErrorKeys.channelUnknown)
  if (input.callSid !== undefined && input.callSid !== null && !callSidPattern.test(input.callSid)) issue('callSid', requestErrorKeys.callSidInvalid)

  const details = checkCallbackDetails(input.details)
  if (!details.ok) issue('details', details.messageKey)

  let phoneContext: string | null = null
  if (input.phoneContext !== undefined && input.phoneContext !== null) {
    const isObject = typeof input.phoneContext === 'object' && !Array.isArray(input.phoneContext)
    phoneContext = isObject ? JSON.stringify(input.phoneContext) : null
    if (phoneContext === null || phoneContext.length > maxContextLength) issue('phoneContext', requestErrorKeys.contextInvalid)
  }

  // Who the request is for follows from who asks, never from an id alone (DESIGN.md §5).
  const caseId = input.caseId ?? null
  let participantId = input.participantId ?? null
  const principal = input.principal
  if (caseId !== null && !isId(caseId)) issue('caseId', requestErrorKeys.notYourCase)
  if (!principal) {
    if (caseId !== null || participantId !== null) issue('principal', requestErrorKeys.signInRequired)
  } else if (principal.kind === 'parent') {
    if (participantId !== null && participantId !== principal.participantId) issue('participantId', requestErrorKeys.notYourCase)
    participantId = principal.participantId
  } else if (participantId !== null && !isId(participantId)) {
    issue('participantId', requestErrorKeys.participantRequired)
  } else if (caseId !== null && participantId === null) {
    issue('participantId', requestErrorKeys.participantRequired)
  }

  if (issues.length || !phone.ok) return { ok: false, issues }
  return {
    ok: true,
    request: {
      caseId,
      participantId,
      phone: phone.e164,
      language: input.language as CallbackLanguage,
      topic: input.topic as CallbackTopic,
      preferredWindow: input.preferredWindow as CallbackWindow,
      channel: input.channel as CallbackChannel,
      callSid: input.callSid ?? null,
      phoneContext,
      details: details.ok ? details.details : null,
    },
  }
}
