import type { Language } from '../../i18n'
import type { StatementMonth } from '../../statements/statementMonths'
import { intlFormats } from '../../templates'

/** The months of a statement picker as select options: "2026-11" shown as "November 2026" / "noviembre de 2026". */
export function statementMonthOptions(language: Language, months: readonly StatementMonth[]): Array<{ value: string; label: string }> {
  const format = intlFormats.monthYear(language === 'es' ? 'es-US' : 'en-US')
  return months.map((month) => ({ value: month, label: format.format(new Date(`${month}-15T12:00:00Z`)) }))
}
