// How staff find a case and see who is on it: by case number, PAR ID, phone number, a callback's confirmation code
// or a parent's name (last name, or first and last). Every lookup is on a unique or indexed column (names on the
// lower-cased name index of migration 0014), so a search costs the same on a million cases. Only staff
// may search, and every case a search turns up is recorded in its audit trail, as a read of the case would be.
import { type Kysely, sql } from 'kysely'
import parsePhoneNumber from 'libphonenumber-js/max'

import { createAuditTrail } from '../audit/auditTrail'
import { type Channel, type Principal, principalActor } from '../audit/principal'
import { normalizeConfirmationCode } from '../callbacks/confirmationCode'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { staffRepository } from '../identity/staffRepository'
import { CaseNotFound } from './caseErrors'

export type SearchKind = 'case_number' | 'par_id' | 'phone' | 'confirmation_code' | 'name'

export interface CaseParty {
  participantId: number
  name: string
  role: 'paying' | 'receiving'
  language: 'en' | 'es'
  /** The case carries a family-violence indicator for this person: never tell the other party where they are. */
  familyViolence: boolean
}

export interface CaseListing {
  caseId: number
  caseNumber: string
  county: string
  status: 'open' | 'closed'
  parties: CaseParty[]
  childrenCount: number
  /** Why this case matched. */
  matchedBy: SearchKind
}

export type CaseSearchResult =
  | { ok: true; query: string; kinds: SearchKind[]; cases: CaseListing[] }
  | { ok: false; messageKey: string }

export const caseSearchErrorKeys = {
  empty: 'console:caseSearch.errors.empty',
  unrecognised: 'console:caseSearch.errors.unrecognised',
} as const

/** Parties are staff-only reading; a parent asking is treated like a case that does not exist. */
export class StaffOnly extends Error {
  override readonly name = 'StaffOnly'
}

const maxResults = 50

/** What a typed query could be, from its shape alone. Ten digits may be a PAR ID or a phone number: both are tried. */
export interface SearchShape {
  kinds: SearchKind[]
  digits: string
  code: string | null
  phone: string | null
  /** Lower-cased: "Okafor" → { last: 'okafor' }; "Linda Okafor" or "Okafor, Linda" → both names. */
  name: { first: string | null; last: string } | null
}

/** A name as staff type it: letters (any alphabet), spaces, apostrophes, hyphens, a comma between last and first. */
export function nameOf(query: string): SearchShape['name'] {
  const trimmed = query.trim().replace(/\s+/g, ' ')
  if (!/^\p{L}[\p{L}' .-]*(, ?\p{L}[\p{L}' .-]*)?$/u.test(trimmed) || trimmed.length > 100) return null
  const lower = trimmed.toLowerCase()
  if (lower.includes(',')) {
    const [last, first] = lower.split(',').map((part) => part.trim())
    return { last: last!, first: first || null }
  }
  const words = lower.split(' ')
  if (words.length === 1) return { first: null, last: words[0]! }
  // "Maria de la Cruz": the first word is the first name, the rest the last name.
  return { first: words[0]!, last: words.slice(1).join(' ') }
}

export function searchKindsOf(query: string): SearchShape {
  const trimmed = query.trim()
  const digits = trimmed.replace(/[\s().+-]/g, '')
  const kinds: SearchKind[] = []
  const code = normalizeConfirmationCode(trimmed)
  if (code) kinds.push('confirmation_code')
  let phone: string | null = null
  if (/^\d+$/.test(digits)) {
    if (digits.length === 12) kinds.push('case_number')
    // Punctuation such as (916) 555-0101 says phone number; bare digits may be either.
    if (digits.length === 10 && /^[\d\s]+$/.test(trimmed)) kinds.push('par_id')
    const parsed = parsePhoneNumber(trimmed, 'US')
    if (parsed?.isValid() && parsed.country === 'US') {
      phone = parsed.number
      kinds.push('phone')
    }
  }
  const name = nameOf(trimmed)
  if (name) kinds.push('name')
  return { kinds, digits, code, phone, name }
}

export function createStaffCaseDirectory(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db } = deps
  const audit = createAuditTrail(db, deps.clock)

  const requireStaff = (principal: Principal) => {
    if (principal.kind !== 'staff') throw new StaffOnly('only staff may search cases')
  }

  async function partiesOf(caseIds: readonly number[]): Promise<Map<number, { parties: CaseParty[]; children: number }>> {
    const byCase = new Map<number, { parties: CaseParty[]; children: number }>(caseIds.map((id) => [id, { parties: [], children: 0 }]))
    if (caseIds.length === 0) return byCase
    const rows = await db
      .selectFrom('case_roles')
      .innerJoin('participants', 'participants.id', 'case_roles.participant_id')
      .select([
        'case_roles.case_id', 'case_roles.role', 'participants.id', 'participants.first_name', 'participants.last_name',
        'participants.language', 'participants.family_violence',
      ])
      .where('case_roles.case_id', 'in', [...caseIds])
      .orderBy('case_roles.case_id')
      .orderBy('case_roles.role', 'desc')
      .execute()
    for (const row of rows) {
      const entry = byCase.get(row.case_id)!
      if (row.role === 'child') entry.children++
      else
        entry.parties.push({
          participantId: row.id,
          name: `${row.first_name} ${row.last_name}`,
          role: row.role,
          language: row.language,
          familyViolence: Number(row.family_violence) === 1,
        })
    }
    return byCase
  }

  async function casesOfParticipants(participantIds: readonly number[]): Promise<number[]> {
    if (participantIds.length === 0) return []
    const rows = await db
      .selectFrom('case_roles')
      .select('case_id')
      .where('participant_id', 'in', [...participantIds])
      .where('role', 'in', ['paying', 'receiving'])
      .execute()
    return rows.map((r) => r.case_id)
  }

  /** Case ids that match one kind of query. */
  async function matches(kind: SearchKind, shape: SearchShape): Promise<number[]> {
    switch (kind) {
      case 'case_number': {
        const row = await db.selectFrom('cases').select('id').where('case_number', '=', shape.digits).executeTakeFirst()
        return row ? [row.id] : []
      }
      case 'par_id': {
        const rows = await db.selectFrom('participants').select('id').where('par_id', '=', shape.digits).execute()
        return casesOfParticipants(rows.map((r) => r.id))
      }
      case 'phone': {
        const rows = await db.selectFrom('participants').select('id').where('phone_primary', '=', shape.phone!).limit(maxResults).execute()
        return casesOfParticipants(rows.map((r) => r.id))
      }
      case 'name': {
        let query = db.selectFrom('participants').select('id').where(sql<string>`lower(last_name)`, '=', shape.name!.last)
        if (shape.name!.first) query = query.where(sql<string>`lower(first_name)`, '=', shape.name!.first)
        const rows = await query.limit(maxResults).execute()
        return casesOfParticipants(rows.map((r) => r.id))
      }
      case 'confirmation_code': {
        const row = await db.selectFrom('callbacks').select('case_id').where('confirmation_code', '=', shape.code!).executeTakeFirst()
        return row?.case_id ? [row.case_id] : []
      }
    }
  }

  return {
    /** The cases a query names, each with its parties; every case found is recorded as searched by this staff member. */
    async searchCases(principal: Principal, query: string, channel: Channel = 'console'): Promise<CaseSearchResult> {
      requireStaff(principal)
      const trimmed = query.trim()
      if (!trimmed) return { ok: false, messageKey: caseSearchErrorKeys.empty }
      const shape = searchKindsOf(trimmed)
      if (shape.kinds.length === 0) return { ok: false, messageKey: caseSearchErrorKeys.unrecognised }

      const matchedBy = new Map<number, SearchKind>()
      for (const kind of shape.kinds) {
        for (const caseId of await matches(kind, shape)) if (!matchedBy.has(caseId)) matchedBy.set(caseId, kind)
      }
      const caseIds = [...matchedBy.keys()].slice(0, maxResults)
      const cases = caseIds.length
        ? await db.selectFrom('cases').select(['id', 'case_number', 'county', 'status']).where('id', 'in', caseIds).orderBy('case_number').execute()
        : []
      const parties = await partiesOf(cases.map((c) => c.id))
      await audit.recordCaseEvents(
        cases.map((c) => ({ actor: principalActor(principal), caseId: c.id, channel, action: 'case.search', details: { by: matchedBy.get(c.id)! } })),
      )
      return {
        ok: true,
        query: trimmed,
        kinds: shape.kinds,
        cases: cases.map((c) => ({
          caseId: c.id,
          caseNumber: c.case_number,
          county: c.county,
          status: c.status,
          parties: parties.get(c.id)!.parties,
          childrenCount: parties.get(c.id)!.children,
          matchedBy: matchedBy.get(c.id)!,
        })),
      }
    },

    /** Who is on a case, for the representative's view of it; recorded like every other read of a case. */
    async caseParties(principal: Principal, caseId: number, channel: Channel = 'console'): Promise<{ parties: CaseParty[]; childrenCount: number }> {
      requireStaff(principal)
      const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()
      if (!exists) throw new CaseNotFound(caseId)
      const entry = (await partiesOf([caseId])).get(caseId)!
      await audit.recordCaseEvents([{ actor: principalActor(principal), caseId, channel, action: 'case.parties' }])
      return { parties: entry.parties, childrenCount: entry.children }
    },

    /** A parent's name, language and family-violence flag, for a request or message that names no case. */
    async participantName(
      principal: Principal,
      participantId: number,
    ): Promise<{ name: string; language: 'en' | 'es'; familyViolence: boolean } | undefined> {
      requireStaff(principal)
      const row = await db
        .selectFrom('participants')
        .select(['first_name', 'last_name', 'language', 'family_violence'])
        .where('id', '=', participantId)
        .executeTakeFirst()
      return row ? { name: `${row.first_name} ${row.last_name}`, language: row.language, familyViolence: Number(row.family_violence) === 1 } : undefined
    },

    /** Display names of staff members, for "claimed by" and attempt lists. */
    staffNames: staffRepository(db).displayNames,
  }
}

export type StaffCaseDirectory = ReturnType<typeof createStaffCaseDirectory>
