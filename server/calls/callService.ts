import type { Kysely } from 'kysely'

import { type BusinessCalendar, createBusinessCalendar } from '../callbacks/businessCalendar'
import { type FigurePeriod, periodBounds } from '../callbacks/supervisorFigures'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { type SupervisorCallFigures, supervisorCallFigures } from './callFigures'
import { callRepository } from './callRepository'
import {
  assertNoSecrets,
  type CallLanguage,
  outcomeAtEnd,
  type PhoneCall,
  type PhoneCallChanges,
} from './phoneCall'

/**
 * Which record a caller's keyed PAR ID or case number named, by internal id. The phone line asks for the PIN in
 * a second webhook; holding this reference between the two, instead of the digits, keeps the PAR ID out of the
 * call state while the PIN can still be checked against it.
 */
export type KeyedIdentifierReference = { kind: 'participant' | 'case'; id: number } | { kind: 'none' }

export function createCallService(deps: { db: Kysely<Database>; clock: Clock; calendar?: BusinessCalendar }) {
  const calls = callRepository(deps.db)
  // Only the agency's time zone matters here: a period's dates start at the agency's midnight.
  const calendar = deps.calendar ?? createBusinessCalendar()
  const now = () => deps.clock.now().toISOString()

  return {
    async find(callSid: string): Promise<PhoneCall | undefined> {
      return calls.find(callSid)
    },

    /**
     * The call's record, created by the first webhook of the call; later webhooks get the same record. `expect`
     * 'new' (the incoming-call webhook) tries the insert first, which returns the new record in the same statement:
     * one statement for a new call instead of a read, the insert and a read again. Either way a call already there
     * is found and returned unchanged.
     */
    async answer(
      callSid: string,
      caller: { fromNumber: string | null; language: CallLanguage },
      expect: 'new' | 'known' = 'known',
    ): Promise<PhoneCall> {
      if (expect === 'known') {
        const existing = await calls.find(callSid)
        if (existing) return existing
      }
      const startedAt = now()
      const inserted = await calls.insertIfAbsent(
        {
          callSid,
          fromNumber: caller.fromNumber,
          language: caller.language,
          participantId: null,
          identified: false,
          path: [],
          outcome: 'in_progress',
          heardAnswer: false,
          flow: null,
          startedAt,
          endedAt: null,
          durationSeconds: null,
        },
        startedAt,
      )
      if (inserted) return inserted
      const stored = await calls.find(callSid)
      if (!stored) throw new Error('call record vanished after insert')
      return stored
    },

    /** Applies one turn of the call. A call that has ended keeps the outcome it ended with. */
    async record(call: PhoneCall, changes: PhoneCallChanges): Promise<PhoneCall> {
      if (changes.flow !== undefined) assertNoSecrets(changes.flow)
      const participantId = changes.participantId === undefined ? call.participantId : changes.participantId
      const updated: PhoneCall = {
        ...call,
        language: changes.language ?? call.language,
        participantId,
        // Once identified, a call stays identified for the figures even if the caller later starts over.
        identified: call.identified || participantId !== null,
        path: [...call.path, ...(changes.reachedSteps ?? [])],
        outcome: call.endedAt ? call.outcome : (changes.outcome ?? call.outcome),
        heardAnswer: call.heardAnswer || changes.heardAnswer === true,
        flow: changes.flow === undefined ? call.flow : changes.flow,
      }
      await calls.update(updated, now())
      return updated
    },

    /**
     * Twilio's status callback: the call is over. Records its length and how it ended; a repeated callback
     * changes nothing. Returns undefined for a call this line never answered.
     */
    async end(callSid: string, reported: { durationSeconds: number | null }): Promise<PhoneCall | undefined> {
      const call = await calls.find(callSid)
      if (!call) return undefined
      if (call.endedAt) return call
      const endedAt = now()
      const measured = Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(call.startedAt)) / 1000))
      const durationSeconds = reported.durationSeconds ?? measured
      await calls.end(callSid, { outcome: outcomeAtEnd(call), endedAt, durationSeconds })
      return calls.find(callSid)
    },

    /** Calls started in a period of agency dates (both included), overall and by language. The channel checks the period. */
    async supervisorFigures(period: FigurePeriod): Promise<SupervisorCallFigures> {
      const { from, to } = periodBounds(period, calendar)
      return supervisorCallFigures(await calls.startedBetween(from, to), { period, calendar })
    },

    /** Whether one more PIN may be checked on this call (at most `maxPerCall`, counted in the database); counts it. */
    async takePinAttempt(callSid: string, maxPerCall: number): Promise<boolean> {
      return calls.takePinAttempt(callSid, maxPerCall)
    },

    async referenceForKeyedIdentifier(digits: string): Promise<KeyedIdentifierReference> {
      const normalized = digits.replace(/\D/g, '')
      if (!normalized) return { kind: 'none' }
      return (await calls.referenceFor(normalized)) ?? { kind: 'none' }
    },

    /**
     * The parent a caller ID belongs to, when it belongs to exactly one who can sign in by phone: the line then
     * greets in their language and asks only for the PIN. A number two parents share, or one nobody has, gives
     * null, and the caller signs in as anyone does. Nothing here proves who is calling: the PIN still does.
     */
    async recognizeCaller(fromNumber: string | null): Promise<{ reference: KeyedIdentifierReference; language: CallLanguage } | null> {
      if (!fromNumber || !/^\+1\d{10}$/.test(fromNumber)) return null
      const owners = await calls.parentsWithPhone(fromNumber, 2)
      if (owners.length !== 1 || !owners[0]!.hasPin) return null
      return { reference: { kind: 'participant', id: owners[0]!.id }, language: owners[0]!.language }
    },

    /** The PAR ID or case number a reference stands for, to hand to sign-in; '' when it named nothing. */
    async identifierFor(reference: KeyedIdentifierReference): Promise<string> {
      if (reference.kind === 'participant') return (await calls.parIdOf(reference.id)) ?? ''
      if (reference.kind === 'case') return (await calls.caseNumberOf(reference.id)) ?? ''
      return ''
    },
  }
}

export type CallService = ReturnType<typeof createCallService>
