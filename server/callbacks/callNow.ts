// "Call now": the console rings the representative's own phone, and when they answer the phone line connects them
// to the parent. The representative's phone rings first so that a parent never picks up to silence while a
// representative is still being found. The telephone company sits behind the OutboundCalls port; this module
// knows nothing of Twilio, and its results carry message keys, never sentences.
import type { Kysely } from 'kysely'

import { createAuditTrail } from '../audit/auditTrail'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { type QueueRefusal, refusalFor, refused } from './callbackQueue'
import type { Callback } from './callbackRecord'
import { type CallbackLanguage, callbackLanguages } from './callbackRequest'
import type { CallbackService } from './callbackService'
import { holdsClaim } from '../queue/claimRule'

/** One outbound call: ring `to`, showing `from`; when answered, fetch instructions from `url`. */
export interface OutboundCallRequest {
  /** E.164. */
  to: string
  /** E.164: the agency's caller ID. */
  from: string
  /** Absolute URL of the webhook the answered call fetches. */
  url: string
  statusCallback?: string
}

/** The port an adapter (server/telephony) implements. A failure is an OutboundCallFailed or any other error. */
export interface OutboundCalls {
  placeCall(request: OutboundCallRequest): Promise<{ callSid: string }>
}

/**
 * What an adapter may say about a failed call: the HTTP status and the provider's numeric error code, which are
 * safe to log. Never the provider's message, which can quote the numbers dialled, nor the request's credentials.
 */
export class OutboundCallFailed extends Error {
  override readonly name = 'OutboundCallFailed'
  constructor(
    readonly status: number | null,
    readonly providerCode: number | null,
  ) {
    super(`outbound call failed (status ${status ?? 'none'}, code ${providerCode ?? 'none'})`)
  }
}

export type CallNowRefusal = QueueRefusal | 'not_configured' | 'no_staff_phone' | 'adapter_failed'

export type CallNowResult =
  | { ok: true; callSid: string; confirmationCode: string; messageKey: string }
  | {
      ok: false
      reason: CallNowRefusal
      messageKey: string
      /** Only for adapter_failed: facts safe to log. */
      failure?: { status: number | null; providerCode: number | null }
    }

/** What the phone line needs when the representative answers: whom to dial and what to say first. */
export type ConnectInstructions =
  | { ok: true; parentPhone: string; confirmationCode: string; language: CallbackLanguage }
  | { ok: false; reason: QueueRefusal; language: CallbackLanguage }

export const callNowKeys = {
  placed: 'callNow:placed',
  notConfigured: 'callNow:errors.notConfigured',
  noStaffPhone: 'callNow:errors.noStaffPhone',
  adapterFailed: 'callNow:errors.adapterFailed',
  notClaimedByYou: 'callNow:errors.notClaimedByYou',
} as const

export const callNowAuditAction = 'callback.call_placed'

const e164 = /^\+[1-9]\d{7,14}$/

export interface CallNowDependencies {
  db: Kysely<Database>
  clock: Clock
  callbacks: Pick<CallbackService, 'callbackForStaff'>
  /** Null when outbound calling is not configured (no TWILIO_ACCOUNT_SID). */
  outboundCalls: OutboundCalls | null
  /** The number both legs show (AGENCY_CALLER_ID). */
  callerId: string
  /** The absolute webhook URL the representative's answered call fetches. */
  connectUrl(callbackId: number, staffId: number): string
}

function refusal(reason: CallNowRefusal): Extract<CallNowResult, { ok: false }> {
  switch (reason) {
    case 'not_configured':
      return { ok: false, reason, messageKey: callNowKeys.notConfigured }
    case 'no_staff_phone':
      return { ok: false, reason, messageKey: callNowKeys.noStaffPhone }
    case 'adapter_failed':
      return { ok: false, reason, messageKey: callNowKeys.adapterFailed }
    // The queue's own sentence speaks of recording a call or releasing; this one says what to do to call.
    case 'not_claimed_by_you':
      return { ok: false, reason, messageKey: callNowKeys.notClaimedByYou }
    default:
      return refused(reason)
  }
}

function isClaimedBy(callback: Callback | undefined, staffId: number): callback is Callback {
  return callback !== undefined && holdsClaim({ staffId }, callback)
}

export function createCallNowService(deps: CallNowDependencies) {
  const trail = createAuditTrail(deps.db, deps.clock)

  const staffMember = (staffId: number) =>
    deps.db.selectFrom('staff').select(['phone', 'languages']).where('id', '=', staffId).executeTakeFirst()

  return {
    /**
     * Rings the representative holding the claim on `callbackId`; the phone line connects them to the parent when
     * they answer (connectInstructions). Refused, with nothing dialled, unless the request is claimed by this
     * representative, outbound calling is configured and the representative has a phone number.
     */
    async placeCallNow(callbackId: number, staffId: number): Promise<CallNowResult> {
      const detail = await deps.callbacks.callbackForStaff(callbackId)
      const callback = detail?.callback
      if (!isClaimedBy(callback, staffId)) return refusal(refusalFor('attempt', callback))
      if (!deps.outboundCalls) return refusal('not_configured')
      const phone = (await staffMember(staffId))?.phone
      if (!phone || !e164.test(phone)) return refusal('no_staff_phone')

      let placed: { callSid: string }
      try {
        placed = await deps.outboundCalls.placeCall({ to: phone, from: deps.callerId, url: deps.connectUrl(callbackId, staffId) })
      } catch (error) {
        const failed = error instanceof OutboundCallFailed ? error : new OutboundCallFailed(null, null)
        return { ...refusal('adapter_failed'), failure: { status: failed.status, providerCode: failed.providerCode } }
      }

      const { callSid } = placed
      // Who rang whom and when is on the case; the numbers are not (the callback row holds the parent's).
      if (callback.caseId !== null) {
        await trail.recordCaseEvents([
          {
            actor: { kind: 'staff', id: staffId },
            caseId: callback.caseId,
            channel: 'console',
            action: callNowAuditAction,
            details: { callbackId, callSid },
          },
        ])
      }
      return { ok: true, callSid, confirmationCode: callback.confirmationCode, messageKey: callNowKeys.placed }
    },

    /**
     * For the webhook the representative's answered call fetches: the parent's number while the request is still
     * claimed by that representative, otherwise why not. The language is the one the representative hears: the
     * request's own when they speak it (the queue routes requests that way), else their first.
     */
    async connectInstructions(callbackId: number, staffId: number): Promise<ConnectInstructions> {
      const [detail, staff] = await Promise.all([deps.callbacks.callbackForStaff(callbackId), staffMember(staffId)])
      const callback = detail?.callback
      const spoken = (staff?.languages ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter((l): l is CallbackLanguage => (callbackLanguages as readonly string[]).includes(l))
      const language = callback && spoken.includes(callback.language) ? callback.language : (spoken[0] ?? 'en')
      if (!isClaimedBy(callback, staffId)) return { ok: false, reason: refusalFor('attempt', callback), language }
      return { ok: true, parentPhone: callback.phone, confirmationCode: callback.confirmationCode, language }
    },
  }
}

export type CallNowService = ReturnType<typeof createCallNowService>
