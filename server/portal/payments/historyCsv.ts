import type { TFunction } from 'i18next'

import type { HistoryItem } from '../../cases/paymentHistory'

// The payments table as CSV for a spreadsheet: ISO dates and plain decimal amounts (so any spreadsheet reads them),
// headings and kinds in the parent's language.

/** A cell a spreadsheet could take for a formula is prefixed, so a downloaded file can never run anything. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Rows as a CSV file: every cell made safe, CRLF line ends, and a byte-order mark so Excel opens accented words as UTF-8. */
export function csvDocument(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}

export function historyCsv(items: readonly HistoryItem[], t: TFunction): string {
  const header = ['date', 'kind', 'method', 'amount'].map((column) => t(`portal:payments.csv.${column}`))
  const rows = items.map((item) => [
    item.date,
    t(`cases:history.${item.kind}`),
    item.kind !== 'fee' && item.method ? t(`cases:method.${item.method}`) : '',
    (item.amountCents / 100).toFixed(2),
  ])
  return csvDocument([header, ...rows])
}
