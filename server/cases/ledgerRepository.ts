// The ledger of a case as the case-inquiry service reads it, on the ledger_case_posted (case_id, posted_on, id)
// index: the whole ledger for a replay, or one page and per-month sums for the payment history. SQL that runs the
// same on SQLite and PostgreSQL (substr works in both).
import { type Kysely, sql } from 'kysely'

import type { Database, LedgerKind, OrdersTable } from '../db/schema'
import type { IsoDate } from './rules/ledgerTypes'

export interface LedgerRecord {
  id: number
  postedOn: IsoDate
  kind: LedgerKind
  owedTo: 'family' | 'state' | null
  orderKind: OrdersTable['kind'] | null
  method: string | null
  amountCents: number
  relatedEntryId: number | null
  reason: string | null
  reference: string | null
}

export interface HistoryRange {
  kinds: readonly LedgerKind[]
  from: IsoDate
  to: IsoDate
}

export interface HistoryTotalRow {
  month: string
  kind: LedgerKind
  cents: number
  entries: number
}

const ledgerColumns = [
  'id', 'posted_on', 'kind', 'owed_to', 'order_kind', 'method', 'amount_cents', 'related_entry_id', 'reason', 'reference',
] as const

export function createLedgerRepository(db: Kysely<Database>) {
  return {
    /** ledger_case_posted (case_id, posted_on, id): the whole ledger of one case, oldest first. */
    async ledgerOf(caseId: number): Promise<LedgerRecord[]> {
      const rows = await db
        .selectFrom('ledger')
        .select(ledgerColumns)
        .where('case_id', '=', caseId)
        .orderBy('posted_on')
        .orderBy('id')
        .execute()
      return rows.map(toLedgerRecord)
    },

    /** ledger_case_posted, read backwards: one page of a case's money movements, newest first. */
    async historyPage(caseId: number, range: HistoryRange, limit: number, offset: number): Promise<LedgerRecord[]> {
      const rows = await db
        .selectFrom('ledger')
        .select(ledgerColumns)
        .where('case_id', '=', caseId)
        .where('posted_on', '>=', range.from)
        .where('posted_on', '<=', range.to)
        .where('kind', 'in', range.kinds)
        .orderBy('posted_on', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
      return rows.map(toLedgerRecord)
    },

    /** ledger_case_posted: sums per calendar month (YYYY-MM) and kind over the whole range, for charts and totals. */
    async historyTotals(caseId: number, range: HistoryRange): Promise<HistoryTotalRow[]> {
      const month = sql<string>`substr(posted_on, 1, 7)`
      const rows = await db
        .selectFrom('ledger')
        .select((eb) => [
          month.as('month'),
          'kind',
          eb.fn.sum<number>('amount_cents').as('cents'),
          eb.fn.countAll<number>().as('entries'),
        ])
        .where('case_id', '=', caseId)
        .where('posted_on', '>=', range.from)
        .where('posted_on', '<=', range.to)
        .where('kind', 'in', range.kinds)
        .groupBy([month, 'kind'])
        .execute()
      return rows.map((row) => ({
        month: row.month,
        kind: row.kind,
        cents: Number(row.cents),
        entries: Number(row.entries),
      }))
    },
  }
}

function toLedgerRecord(row: {
  id: number
  posted_on: string
  kind: LedgerKind
  owed_to: 'family' | 'state' | null
  order_kind: OrdersTable['kind'] | null
  method: string | null
  amount_cents: number
  related_entry_id: number | null
  reason: string | null
  reference: string | null
}): LedgerRecord {
  return {
    id: row.id,
    postedOn: row.posted_on,
    kind: row.kind,
    owedTo: row.owed_to,
    orderKind: row.order_kind,
    method: row.method,
    amountCents: row.amount_cents,
    relatedEntryId: row.related_entry_id,
    reason: row.reason,
    reference: row.reference,
  }
}
