// Who saw which case, when, through which channel (DESIGN.md §5: every case view is audited). Rows are only ever
// added; the supervisor reads them per case, newest first, on the audit_events_case index.
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { AuditEventsTable, Database } from '../db/schema'

export type AuditChannel = AuditEventsTable['channel']

export interface AuditActor {
  kind: AuditEventsTable['actor_kind']
  id: number | null
}

export interface CaseAuditEvent {
  actor: AuditActor
  caseId: number
  channel: AuditChannel
  /** What was read, e.g. 'case.summary'; 'case.denied' when a principal asked for a case it may not read. */
  action: string
  /** Small facts about the read (a payment id, a page). Never a secret, never another party's contact data. */
  details?: Record<string, string | number | boolean | null>
}

/** A read of something a parent sent about no case in particular: filed under the parent (migration 0009). */
export interface ParticipantAuditEvent {
  actor: AuditActor
  participantId: number
  channel: AuditChannel
  action: string
  details?: Record<string, string | number | boolean | null>
}

export interface ParticipantAuditEntry {
  occurredAt: string
  actor: AuditActor
  participantId: number
  channel: AuditChannel
  action: string
  details: Record<string, unknown> | null
}

export interface AuditEntry {
  id: number
  occurredAt: string
  actor: AuditActor
  caseId: number
  channel: AuditChannel
  action: string
  details: Record<string, unknown> | null
}

export const AUDIT_TRAIL_MAX_LIMIT = 500

export interface AuditTrail {
  recordCaseEvents(events: readonly CaseAuditEvent[]): Promise<void>
  /** Newest first; `limit` is capped at AUDIT_TRAIL_MAX_LIMIT. */
  caseAuditTrail(caseId: number, options?: { limit?: number }): Promise<AuditEntry[]>
  recordParticipantEvents(events: readonly ParticipantAuditEvent[]): Promise<void>
  /** Rows filed under the parent (not under a case), newest first; `limit` capped as for a case. */
  participantAuditTrail(participantId: number, options?: { limit?: number }): Promise<ParticipantAuditEntry[]>
}

export function createAuditTrail(db: Kysely<Database>, clock: Clock): AuditTrail {
  /** One insert for a batch, filed under a case or under a parent; every row of a batch shares its instant. */
  async function insertEvents(
    events: (Omit<CaseAuditEvent, 'caseId'> & { caseId: number | null; participantId: number | null })[],
  ): Promise<void> {
    if (events.length === 0) return
    const occurredAt = clock.now().toISOString()
    await db
      .insertInto('audit_events')
      .values(
        events.map((event) => ({
          occurred_at: occurredAt,
          actor_kind: event.actor.kind,
          actor_id: event.actor.id,
          case_id: event.caseId,
          participant_id: event.participantId,
          action: event.action,
          channel: event.channel,
          details: event.details ? JSON.stringify(event.details) : null,
        })),
      )
      .execute()
  }

  return {
    recordCaseEvents(events) {
      return insertEvents(events.map((event) => ({ ...event, participantId: null })))
    },

    recordParticipantEvents(events) {
      return insertEvents(events.map((event) => ({ ...event, caseId: null })))
    },

    async participantAuditTrail(participantId, options = {}) {
      const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 100)), AUDIT_TRAIL_MAX_LIMIT)
      const rows = await db
        .selectFrom('audit_events')
        .select(['occurred_at', 'actor_kind', 'actor_id', 'action', 'channel', 'details'])
        .where('participant_id', '=', participantId)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => ({
        occurredAt: row.occurred_at,
        actor: { kind: row.actor_kind, id: row.actor_id },
        participantId,
        channel: row.channel,
        action: row.action,
        details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
      }))
    },

    async caseAuditTrail(caseId, options = {}) {
      const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 100)), AUDIT_TRAIL_MAX_LIMIT)
      const rows = await db
        .selectFrom('audit_events')
        .select(['id', 'occurred_at', 'actor_kind', 'actor_id', 'case_id', 'action', 'channel', 'details'])
        .where('case_id', '=', caseId)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurred_at,
        actor: { kind: row.actor_kind, id: row.actor_id },
        caseId,
        channel: row.channel,
        action: row.action,
        details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>),
      }))
    },
  }
}
