import type { Kysely } from 'kysely'

import type { CallRow, Database } from '../db/schema'
import type { CallFigureRow } from './callFigures'
import type { CallOutcome, PhoneCall } from './phoneCall'

// The `calls` table. `state` holds { heardAnswer, flow } as JSON and `path` a JSON array, so both dialects
// store them as text the same way.

interface StoredState {
  heardAnswer: boolean
  flow: unknown
}

function toPhoneCall(row: CallRow): PhoneCall {
  const state = JSON.parse(row.state) as Partial<StoredState>
  return {
    callSid: row.call_sid,
    fromNumber: row.from_number,
    language: row.language,
    participantId: row.participant_id,
    identified: Number(row.identified) === 1,
    path: JSON.parse(row.path) as string[],
    outcome: row.outcome,
    heardAnswer: state.heardAnswer === true,
    flow: state.flow ?? null,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationSeconds: row.duration_seconds === null ? null : Number(row.duration_seconds),
  }
}

export function callRepository(db: Kysely<Database>) {
  return {
    async find(callSid: string): Promise<PhoneCall | undefined> {
      const row = await db.selectFrom('calls').selectAll().where('call_sid', '=', callSid).executeTakeFirst()
      return row && toPhoneCall(row)
    },

    /**
     * Inserts the call unless a webhook for it already did (Twilio retries, or two processes race): the stored
     * record when this insert wrote it, undefined when the call was already there.
     */
    async insertIfAbsent(call: PhoneCall, at: string): Promise<PhoneCall | undefined> {
      const row = await db
        .insertInto('calls')
        .values({
          call_sid: call.callSid,
          from_number: call.fromNumber,
          language: call.language,
          participant_id: call.participantId,
          identified: call.identified ? 1 : 0,
          path: JSON.stringify(call.path),
          state: JSON.stringify({ heardAnswer: call.heardAnswer, flow: call.flow } satisfies StoredState),
          outcome: call.outcome,
          started_at: call.startedAt,
          updated_at: at,
          ended_at: null,
          duration_seconds: null,
        })
        .onConflict((oc) => oc.column('call_sid').doNothing())
        .returningAll()
        .executeTakeFirst()
      return row && toPhoneCall(row)
    },

    async update(call: PhoneCall, at: string): Promise<void> {
      await db
        .updateTable('calls')
        .set({
          language: call.language,
          participant_id: call.participantId,
          identified: call.identified ? 1 : 0,
          path: JSON.stringify(call.path),
          state: JSON.stringify({ heardAnswer: call.heardAnswer, flow: call.flow } satisfies StoredState),
          outcome: call.outcome,
          updated_at: at,
        })
        .where('call_sid', '=', call.callSid)
        .execute()
    },

    /** Closes the call once: a repeated status callback finds it already ended and changes nothing. */
    async end(callSid: string, ending: { outcome: CallOutcome; endedAt: string; durationSeconds: number }): Promise<boolean> {
      const result = await db
        .updateTable('calls')
        .set({ outcome: ending.outcome, ended_at: ending.endedAt, duration_seconds: ending.durationSeconds, updated_at: ending.endedAt })
        .where('call_sid', '=', callSid)
        .where('ended_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    /**
     * Counts one PIN check on the call, unless `max` were already counted: one conditional update, so webhooks at
     * once cannot both slip under the limit. True when this check may go ahead.
     */
    async takePinAttempt(callSid: string, max: number): Promise<boolean> {
      const result = await db
        .updateTable('calls')
        .set((eb) => ({ pin_attempts: eb('pin_attempts', '+', 1) }))
        .where('call_sid', '=', callSid)
        .where('pin_attempts', '<', max)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    /** Calls started in [from, to), for the supervisor's figures; a range scan of the calls_started index. */
    async startedBetween(from: Date, to: Date): Promise<CallFigureRow[]> {
      const rows = await db
        .selectFrom('calls')
        .select(['language', 'outcome', 'started_at'])
        .where('started_at', '>=', from.toISOString())
        .where('started_at', '<', to.toISOString())
        .execute()
      return rows.map((row) => ({ language: row.language, outcome: row.outcome, startedAt: new Date(row.started_at) }))
    },

    /** A PAR ID or case number as the internal id of the record it names, or null when it names none. */
    async referenceFor(digits: string): Promise<{ kind: 'participant' | 'case'; id: number } | null> {
      const participant = await db.selectFrom('participants').select('id').where('par_id', '=', digits).executeTakeFirst()
      if (participant) return { kind: 'participant', id: participant.id }
      const found = await db.selectFrom('cases').select('id').where('case_number', '=', digits).executeTakeFirst()
      return found ? { kind: 'case', id: found.id } : null
    },

    /** Up to `limit` parents (paying or receiving on some case) whose primary or mobile number is this one. */
    async parentsWithPhone(e164: string, limit: number): Promise<Array<{ id: number; language: 'en' | 'es'; hasPin: boolean }>> {
      const rows = await db
        .selectFrom('participants')
        .innerJoin('case_roles', 'case_roles.participant_id', 'participants.id')
        .leftJoin('accounts', 'accounts.participant_id', 'participants.id')
        .where((eb) => eb.or([eb('participants.phone_primary', '=', e164), eb('participants.phone_mobile', '=', e164)]))
        .where('case_roles.role', 'in', ['paying', 'receiving'])
        .select(['participants.id', 'participants.language', 'accounts.pin_hash'])
        .distinct()
        .limit(limit)
        .execute()
      return rows.map((row) => ({ id: row.id, language: row.language, hasPin: row.pin_hash !== null }))
    },

    async parIdOf(participantId: number): Promise<string | undefined> {
      const row = await db.selectFrom('participants').select('par_id').where('id', '=', participantId).executeTakeFirst()
      return row?.par_id
    },

    async caseNumberOf(caseId: number): Promise<string | undefined> {
      const row = await db.selectFrom('cases').select('case_number').where('id', '=', caseId).executeTakeFirst()
      return row?.case_number
    },
  }
}
