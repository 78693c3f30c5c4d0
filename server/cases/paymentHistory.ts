// Money in and out of a case, newest first, a page at a time, with totals per month and per year over the whole
// range (for a chart, a table and a CSV download). The paying parent sees the payments they made; the receiving
// parent and staff also see each disbursement to the family and each annual service fee kept back (FC 17208).
// Dates are posting dates; the range is inclusive and never runs past today.
import type { Viewer } from './caseAccess'
import { CaseInquiryInputError } from './caseErrors'
import type { CaseRepository } from './caseRepository'
import type { HistoryRange, HistoryTotalRow, LedgerRecord } from './ledgerRepository'
import { isIsoDate } from '../agencyTime/calendarDates'
import type { Cents, IsoDate } from './rules/ledgerTypes'

export interface PaymentHistoryQuery {
  from?: IsoDate
  to?: IsoDate
  /** 1-based; default 1. */
  page?: number
  /** Default HISTORY_DEFAULT_PAGE_SIZE, at most HISTORY_MAX_PAGE_SIZE (a CSV export asks for the largest page). */
  pageSize?: number
}

export const HISTORY_DEFAULT_PAGE_SIZE = 25
export const HISTORY_MAX_PAGE_SIZE = 500
/** Before any case could have a ledger: "from the beginning". */
const EARLIEST = '1900-01-01'

export type HistoryItem =
  | { kind: 'payment'; id: number; date: IsoDate; amountCents: Cents; method: string | null; reference: string | null }
  | { kind: 'disbursement'; id: number; date: IsoDate; amountCents: Cents; method: string | null; paymentId: number | null }
  | { kind: 'fee'; id: number; date: IsoDate; amountCents: Cents; paymentId: number | null }

export interface MoneyTotals {
  paymentsCents: Cents
  paymentCount: number
  disbursementsCents: Cents
  disbursementCount: number
  feesCents: Cents
}

export interface PaymentHistory {
  caseId: number
  viewer: Viewer
  /** The range read: null `from` means from the first entry. */
  from: IsoDate | null
  to: IsoDate
  page: number
  pageSize: number
  totalItems: number
  totalPages: number
  items: HistoryItem[]
  /** Oldest month first, only months with entries, as "YYYY-MM". */
  months: Array<{ month: string } & MoneyTotals>
  /** Calendar years, oldest first. */
  years: Array<{ year: number } & MoneyTotals>
  totals: MoneyTotals
}

export interface CheckedHistoryQuery {
  from: IsoDate | null
  to: IsoDate
  page: number
  pageSize: number
}

export function checkHistoryQuery(query: PaymentHistoryQuery, today: IsoDate): CheckedHistoryQuery {
  const { from, to } = query
  if ((from !== undefined && !isIsoDate(from)) || (to !== undefined && !isIsoDate(to))) {
    throw new CaseInquiryInputError('cases:errors.invalidDate')
  }
  const end = to === undefined || to > today ? today : to
  if (from !== undefined && from > end) throw new CaseInquiryInputError('cases:errors.dateRangeOrder')
  const page = query.page ?? 1
  if (!Number.isSafeInteger(page) || page < 1) throw new CaseInquiryInputError('cases:errors.invalidPage')
  const pageSize = query.pageSize ?? HISTORY_DEFAULT_PAGE_SIZE
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > HISTORY_MAX_PAGE_SIZE) {
    throw new CaseInquiryInputError('cases:errors.invalidPageSize')
  }
  return { from: from ?? null, to: end, page, pageSize }
}

export function historyKinds(viewer: Viewer): HistoryRange['kinds'] {
  return viewer === 'paying' ? ['payment'] : ['payment', 'disbursement', 'fee']
}

function emptyTotals(): MoneyTotals {
  return { paymentsCents: 0, paymentCount: 0, disbursementsCents: 0, disbursementCount: 0, feesCents: 0 }
}

function add(totals: MoneyTotals, row: HistoryTotalRow): void {
  if (row.kind === 'payment') {
    totals.paymentsCents += row.cents
    totals.paymentCount += row.entries
  } else if (row.kind === 'disbursement') {
    totals.disbursementsCents += row.cents
    totals.disbursementCount += row.entries
  } else if (row.kind === 'fee') {
    totals.feesCents += row.cents
  }
}

function toItem(row: LedgerRecord): HistoryItem {
  if (row.kind === 'payment') {
    return { kind: 'payment', id: row.id, date: row.postedOn, amountCents: row.amountCents, method: row.method, reference: row.reference }
  }
  if (row.kind === 'disbursement') {
    return {
      kind: 'disbursement', id: row.id, date: row.postedOn, amountCents: row.amountCents, method: row.method,
      paymentId: row.relatedEntryId,
    }
  }
  return { kind: 'fee', id: row.id, date: row.postedOn, amountCents: row.amountCents, paymentId: row.relatedEntryId }
}

/** Sums per month and per year from the database's per-month, per-kind rows. */
export function historyTotals(rows: readonly HistoryTotalRow[]): Pick<PaymentHistory, 'months' | 'years' | 'totals'> {
  const months = new Map<string, MoneyTotals>()
  const years = new Map<number, MoneyTotals>()
  const totals = emptyTotals()
  for (const row of rows) {
    const month = months.get(row.month) ?? emptyTotals()
    add(month, row)
    months.set(row.month, month)
    const yearNumber = Number(row.month.slice(0, 4))
    const year = years.get(yearNumber) ?? emptyTotals()
    add(year, row)
    years.set(yearNumber, year)
    add(totals, row)
  }
  return {
    months: [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, t]) => ({ month, ...t })),
    years: [...years.entries()].sort(([a], [b]) => a - b).map(([year, t]) => ({ year, ...t })),
    totals,
  }
}

export async function paymentHistory(
  repository: CaseRepository,
  caseId: number,
  viewer: Viewer,
  query: CheckedHistoryQuery,
): Promise<PaymentHistory> {
  const range: HistoryRange = { kinds: historyKinds(viewer), from: query.from ?? EARLIEST, to: query.to }
  const offset = (query.page - 1) * query.pageSize
  const [rows, totalRows] = await Promise.all([
    repository.historyPage(caseId, range, query.pageSize, offset),
    repository.historyTotals(caseId, range),
  ])
  const totalItems = totalRows.reduce((sum, row) => sum + row.entries, 0)
  return {
    caseId,
    viewer,
    from: query.from,
    to: query.to,
    page: query.page,
    pageSize: query.pageSize,
    totalItems,
    totalPages: Math.ceil(totalItems / query.pageSize),
    items: rows.map(toItem),
    ...historyTotals(totalRows),
  }
}

/** The totals of every calendar year with entries up to `today`, oldest first: the sums alone, no page of rows. */
export async function paymentHistoryYears(
  repository: CaseRepository,
  caseId: number,
  viewer: Viewer,
  today: IsoDate,
): Promise<PaymentHistory['years']> {
  const rows = await repository.historyTotals(caseId, { kinds: historyKinds(viewer), from: EARLIEST, to: today })
  return historyTotals(rows).years
}
