// Words reach parents through message keys in locales/{en,es}/cases.json; the domain never writes a sentence.
// Each parameter says what it is, so the web page and the phone prompt format it the same way for the language:
// money in cents, a calendar date, a month, an instant (hearing times), a plain number, or text held as data (an event's
// topic or location as the agency recorded it).
import type { Cents, IsoDate } from './rules/ledgerTypes'

export type MessageParam =
  | { money: Cents }
  | { date: IsoDate }
  /** A month, named by its first day: "December 2026", not the date of its first day. */
  | { month: IsoDate }
  /** An ISO instant (UTC), shown in the agency's time zone. */
  | { dateTime: string }
  | { count: number }
  | { text: string }

export interface Message {
  /** A key in the cases namespace, e.g. 'cases:nextSteps.hearing'. */
  key: string
  params: Record<string, MessageParam>
}

export function message(key: string, params: Record<string, MessageParam> = {}): Message {
  return { key, params }
}

export const money = (cents: Cents): MessageParam => ({ money: cents })
export const date = (isoDate: IsoDate): MessageParam => ({ date: isoDate })
export const month = (firstDay: IsoDate): MessageParam => ({ month: firstDay })
export const dateTime = (instant: string): MessageParam => ({ dateTime: instant })
export const count = (value: number): MessageParam => ({ count: value })
export const text = (value: string): MessageParam => ({ text: value })
