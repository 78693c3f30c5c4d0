// The audit trail of one case as a supervisor reads it: each entry with the name of who acted (a staff member's
// display name, a parent's name and role on the case, or the phone line itself), so the page shows people, not ids.
// Names are looked up here, in the domain, so the console never runs SQL of its own.
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { staffRepository } from '../identity/staffRepository'
import { AuditTrailForbidden, createAuditService } from './auditService'
import type { AuditEntry } from './auditTrail'
import type { Principal } from './principal'

/** Who acted, as the page names them; `name` is null when the record behind the id is gone. */
export type AuditActorName =
  | { kind: 'staff'; name: string | null }
  | { kind: 'parent'; name: string | null; role: 'paying' | 'receiving' | null }
  | { kind: 'system' }

export interface CaseAuditReport {
  caseId: number
  caseNumber: string
  entries: Array<AuditEntry & { actorName: AuditActorName }>
  /** The trail was cut at `limit`: older entries exist. */
  limited: boolean
}

export const caseAuditReportLimit = 500

function auditDirectory(db: Kysely<Database>) {
  return {
    async caseNumberOf(caseId: number): Promise<string | undefined> {
      const row = await db.selectFrom('cases').select('case_number').where('id', '=', caseId).executeTakeFirst()
      return row?.case_number
    },

    staffNames: staffRepository(db).displayNames,

    /** Parents by id, with their role on this case when they hold one. */
    async parents(caseId: number, ids: readonly number[]): Promise<Map<number, { name: string; role: 'paying' | 'receiving' | null }>> {
      if (ids.length === 0) return new Map()
      const people = await db.selectFrom('participants').select(['id', 'first_name', 'last_name']).where('id', 'in', [...ids]).execute()
      const roles = await db
        .selectFrom('case_roles')
        .select(['participant_id', 'role'])
        .where('case_id', '=', caseId)
        .where('participant_id', 'in', [...ids])
        .execute()
      const roleOf = new Map(roles.filter((r) => r.role !== 'child').map((r) => [r.participant_id, r.role as 'paying' | 'receiving']))
      return new Map(people.map((p) => [p.id, { name: `${p.first_name} ${p.last_name}`, role: roleOf.get(p.id) ?? null }]))
    },
  }
}

export function createCaseAuditReport(deps: { db: Kysely<Database>; clock: Clock }) {
  const audit = createAuditService(deps)
  const directory = auditDirectory(deps.db)
  return {
    /** Undefined for a case that does not exist; nothing is recorded then, as there is no case to have read. */
    async forCase(principal: Principal, caseId: number): Promise<CaseAuditReport | undefined> {
      if (principal.kind !== 'staff' || principal.role !== 'supervisor') throw new AuditTrailForbidden()
      if (!Number.isSafeInteger(caseId) || caseId <= 0) return undefined
      const caseNumber = await directory.caseNumberOf(caseId)
      if (caseNumber === undefined) return undefined
      const entries = await audit.caseAuditTrail(principal, caseId, { channel: 'console', limit: caseAuditReportLimit })
      const idsOf = (kind: 'staff' | 'parent') => [...new Set(entries.filter((e) => e.actor.kind === kind && e.actor.id !== null).map((e) => e.actor.id!))]
      const staff = await directory.staffNames(idsOf('staff'))
      const parents = await directory.parents(caseId, idsOf('parent'))
      const nameOf = (entry: AuditEntry): AuditActorName => {
        const id = entry.actor.id
        if (entry.actor.kind === 'staff') return { kind: 'staff', name: (id !== null && staff.get(id)) || null }
        if (entry.actor.kind === 'parent') {
          const parent = id === null ? undefined : parents.get(id)
          return { kind: 'parent', name: parent?.name ?? null, role: parent?.role ?? null }
        }
        return { kind: 'system' }
      }
      return {
        caseId,
        caseNumber,
        entries: entries.map((entry) => ({ ...entry, actorName: nameOf(entry) })),
        limited: entries.length >= caseAuditReportLimit,
      }
    },
  }
}

export type CaseAuditReportService = ReturnType<typeof createCaseAuditReport>
