// Which months a case has a statement for: from the month the case opened to the agency's current month, never a
// month that has not begun. Pure: "today" and the opening date are arguments.
import { CaseInquiryInputError } from '../cases/caseErrors'
import { addDays, addMonths, isIsoDate } from '../agencyTime/calendarDates'
import type { IsoDate } from '../cases/rules/ledgerTypes'

/** A calendar month as "YYYY-MM". */
export type StatementMonth = string

/** How many months the case page offers; older ones stay reachable by their address. */
export const OFFERED_MONTHS = 12

export type StatementMonthKey =
  | 'statements:errors.monthFormat'
  | 'statements:errors.monthFuture'
  | 'statements:errors.monthBeforeCase'

export type CheckedMonth = { ok: true; month: StatementMonth } | { ok: false; messageKey: StatementMonthKey }

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/

export function checkStatementMonth(text: string, openedOn: IsoDate, today: IsoDate): CheckedMonth {
  if (!monthPattern.test(text) || !isIsoDate(`${text}-01`)) return { ok: false, messageKey: 'statements:errors.monthFormat' }
  if (text > today.slice(0, 7)) return { ok: false, messageKey: 'statements:errors.monthFuture' }
  if (text < openedOn.slice(0, 7)) return { ok: false, messageKey: 'statements:errors.monthBeforeCase' }
  return { ok: true, month: text }
}

/** The months a statement can be made for, newest first, at most `count` of them. */
export function statementMonths(openedOn: IsoDate, today: IsoDate, count = OFFERED_MONTHS): StatementMonth[] {
  const months: StatementMonth[] = []
  let first = `${today.slice(0, 7)}-01`
  const opened = openedOn.slice(0, 7)
  while (months.length < count && first.slice(0, 7) >= opened) {
    months.push(first.slice(0, 7))
    first = addMonths(first, -1)
  }
  return months
}

/** The first and last day of a month. */
export function monthBounds(month: StatementMonth): { first: IsoDate; last: IsoDate } {
  const first = `${month}-01`
  return { first, last: addDays(addMonths(first, 1), -1) }
}

/** What a parent may choose from for one case: its number and the months with a statement, newest first. */
export interface StatementChoices {
  caseId: number
  caseNumber: string
  caseNumberLast4: string
  months: StatementMonth[]
}

/** A month with no statement; carries the choices, so the page that says so can offer the right months. */
export class StatementMonthInvalid extends CaseInquiryInputError {
  constructor(
    override readonly messageKey: StatementMonthKey,
    readonly choices: StatementChoices,
  ) {
    super(messageKey)
  }
}
