// The supervisor's view of the audit trail. Reading the trail is itself a case read, so it is recorded too.
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { type AuditEntry, createAuditTrail } from './auditTrail'
import { type Channel, type Principal, principalActor } from './principal'

/** Only a supervisor reads who looked at a case; channels map this to "forbidden" for a signed-in rep. */
export class AuditTrailForbidden extends Error {
  override readonly name = 'AuditTrailForbidden'
  constructor() {
    super('Only a supervisor may read the audit trail')
  }
}

export function createAuditService(deps: { db: Kysely<Database>; clock: Clock }) {
  const trail = createAuditTrail(deps.db, deps.clock)
  return {
    async caseAuditTrail(
      principal: Principal,
      caseId: number,
      options: { channel?: Channel; limit?: number } = {},
    ): Promise<AuditEntry[]> {
      if (principal.kind !== 'staff' || principal.role !== 'supervisor') throw new AuditTrailForbidden()
      if (!Number.isSafeInteger(caseId) || caseId <= 0) return []
      // Read first, then record, so the supervisor's own look is not the first line they see.
      const entries = await trail.caseAuditTrail(caseId, { limit: options.limit })
      await trail.recordCaseEvents([
        { actor: principalActor(principal), caseId, channel: options.channel ?? 'console', action: 'audit_trail.read' },
      ])
      return entries
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
