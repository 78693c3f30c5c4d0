// CSV for a spreadsheet, as the portal's payment history and the console's figures both download it.

/** A cell a spreadsheet could take for a formula is prefixed, so a downloaded file can never run anything. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Rows as a CSV file: every cell made safe, CRLF line ends, and a byte-order mark so Excel opens accented words as UTF-8. */
export function csvDocument(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}
