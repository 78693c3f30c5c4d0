// The queue page shows fifty items at a time, due first. A page lists its items by reading every item due before
// them from each source (callbacks, threads) and merging, so a deep page costs more than the first; the deepest page
// is bounded, and a backlog deeper than that is reached through the filters or case search.

/** Items on one page of the console's queue. */
export const queuePageSize = 50

/** The most rows a source reads for one page: 100 pages. */
export const maxQueueRows = 5_000

export interface QueuePageOf<T> {
  entries: T[]
  /** Every item waiting under the filters, listed or not. */
  total: number
  /** 1-based, within 1 to pageCount. */
  page: number
  pageCount: number
  /** The positions (1-based) of the first and last entries shown, for "51 to 100 of 437". */
  from: number
  to: number
}

/** The page to show: the one asked for, kept within the pages there are (a link from a longer queue still lands). */
export function pageWithin(asked: number | undefined, total: number): { page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.min(Math.ceil(total / queuePageSize), maxQueueRows / queuePageSize))
  const page = Number.isInteger(asked) && asked! >= 1 ? Math.min(asked!, pageCount) : 1
  return { page, pageCount }
}
