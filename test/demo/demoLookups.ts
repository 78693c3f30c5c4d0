// Reads the loaded demo back the way a test states a persona's story: by persona id and case number, and through
// the ledger engine, so a story is checked against the figures a parent would be shown.
import type { Kysely } from 'kysely'

import { replayLedger } from '../../server/cases/rules/ledgerReplay'
import type { LedgerStatement } from '../../server/cases/rules/ledgerStatement'
import type { AdjustmentReason, PaymentMethod, RecordedEntry } from '../../server/cases/rules/ledgerTypes'
import { type DemoPersona, demoPersonas } from '../../server/demo/personas'
import type { Database } from '../../server/db/schema'

export const testSsnKey = 'demo-test-ssn-key'

export function persona(id: string): DemoPersona {
  const found = demoPersonas().find((p) => p.id === id)
  if (!found) throw new Error(`no persona ${id}`)
  return found
}

export async function participantOf(db: Kysely<Database>, personaId: string) {
  return db.selectFrom('participants').selectAll().where('par_id', '=', persona(personaId).phone.parId).executeTakeFirstOrThrow()
}

export async function caseRowOf(db: Kysely<Database>, caseNumber: string) {
  return db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirstOrThrow()
}

/** The one case a persona is on in the given role. */
export async function caseOf(db: Kysely<Database>, personaId: string, role: 'paying' | 'receiving' = 'paying') {
  const participant = await participantOf(db, personaId)
  const row = await db
    .selectFrom('cases')
    .innerJoin('case_roles', 'case_roles.case_id', 'cases.id')
    .selectAll('cases')
    .where('case_roles.participant_id', '=', participant.id)
    .where('case_roles.role', '=', role)
    .executeTakeFirstOrThrow()
  return row
}

export async function ledgerOf(db: Kysely<Database>, caseId: number) {
  return db.selectFrom('ledger').selectAll().where('case_id', '=', caseId).orderBy('posted_on').orderBy('id').execute()
}

/** What the engine makes of a case's recorded entries on `asOf`. */
export async function statementOf(db: Kysely<Database>, caseId: number, asOf: string): Promise<LedgerStatement> {
  const caseRow = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
  const children = await db
    .selectFrom('case_roles')
    .select('participant_id')
    .where('case_id', '=', caseId)
    .where('role', '=', 'child')
    .execute()
  const entries: RecordedEntry[] = []
  for (const row of await ledgerOf(db, caseId)) {
    if (row.kind === 'charge') {
      entries.push({ kind: 'charge', id: row.id, dueOn: row.posted_on, orderKind: row.order_kind!, amountCents: row.amount_cents, owedTo: row.owed_to! })
    } else if (row.kind === 'payment') {
      entries.push({ kind: 'payment', id: row.id, postedOn: row.posted_on, method: row.method as PaymentMethod, amountCents: row.amount_cents })
    } else if (row.kind === 'adjustment') {
      entries.push({ kind: 'adjustment', id: row.id, postedOn: row.posted_on, owedTo: row.owed_to!, reason: row.reason as AdjustmentReason, amountCents: row.amount_cents })
    }
  }
  const terms = { interestRateBasisPoints: caseRow.interest_rate_bp, assistanceStatus: caseRow.assistance_status, childrenCount: children.length }
  return replayLedger(terms, entries, asOf)
}

/** Every table's rows in a stable order, for comparing two loads. */
export async function dumpTables(db: Kysely<Database>) {
  const tables = ['participants', 'cases', 'case_roles', 'orders', 'ledger', 'enforcement', 'events', 'accounts', 'staff'] as const
  const dump: Record<string, unknown[]> = {}
  for (const table of tables) {
    const orderBy = table === 'case_roles' ? ['case_id', 'participant_id', 'role'] : table === 'accounts' ? ['participant_id'] : ['id']
    let query = db.selectFrom(table).selectAll()
    for (const column of orderBy) query = query.orderBy(column as never)
    dump[table] = await query.execute()
  }
  return dump
}
