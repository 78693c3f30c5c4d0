import type { TFunction } from 'i18next'

import type { HistoryItem } from '../../cases/paymentHistory'
import { csvDocument } from '../../web/csv'

// The payments table as CSV for a spreadsheet: ISO dates and plain decimal amounts (so any spreadsheet reads them),
// headings and kinds in the parent's language.

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
