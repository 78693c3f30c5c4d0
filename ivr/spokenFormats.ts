import type { TFunction } from 'i18next'

import { addDays } from '../server/agencyTime/calendarDates'
import { localDateOf } from '../server/agencyTime/zonedTime'
import { agencyTimeZone } from '../server/config'
import type { Language } from '../server/i18n'

// Figures as a caller should hear them. Text-to-speech reads "$1,234.56" badly and differently per voice, so money
// becomes words ("1,234 dollars and 56 cents"), dates are long-form in the caller's language, and anything a caller
// may need to write down (case endings, confirmation codes, phone numbers) is read one character at a time.

const intlLocale: Record<Language, string> = { en: 'en-US', es: 'es-US' }

const numberFormats = {
  en: new Intl.NumberFormat(intlLocale.en, { maximumFractionDigits: 0 }),
  es: new Intl.NumberFormat(intlLocale.es, { maximumFractionDigits: 0 }),
}

export function spokenNumber(value: number, language: Language): string {
  return numberFormats[language].format(value)
}

/** Cents as words: "1,234 dollars and 56 cents", "1,234 dólares con 56 centavos", "1 dollar", "56 cents". */
export function spokenMoney(cents: number, language: Language, t: TFunction): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money must be whole cents, got ${cents}`)
  const whole = Math.floor(Math.abs(cents) / 100)
  const rest = Math.abs(cents) % 100
  const dollars = t(whole === 1 ? 'ivr:money.dollarsOne' : 'ivr:money.dollarsOther', { dollars: spokenNumber(whole, language) })
  const centsText = t(rest === 1 ? 'ivr:money.centsOne' : 'ivr:money.centsOther', { cents: spokenNumber(rest, language) })
  const amount = whole > 0 && rest > 0 ? t('ivr:money.dollarsAndCents', { dollars, cents: centsText }) : whole > 0 || rest === 0 ? dollars : centsText
  return cents < 0 ? t('ivr:money.negative', { amount }) : amount
}

const dateFormats = {
  en: new Intl.DateTimeFormat(intlLocale.en, { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat(intlLocale.es, { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
}

/** A calendar date (YYYY-MM-DD): "December 1, 2025", "1 de diciembre de 2025". */
export function spokenDate(isoDate: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`not an ISO date: ${isoDate}`)
  // Noon UTC names the same calendar day in every zone, so the date never slips a day.
  return dateFormats[language].format(new Date(`${isoDate}T12:00:00Z`))
}

const dateTimeFormats = {
  en: new Intl.DateTimeFormat(intlLocale.en, {
    weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: agencyTimeZone,
  }),
  es: new Intl.DateTimeFormat(intlLocale.es, {
    weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: agencyTimeZone,
  }),
}

/** An instant at the agency's office: "Monday, November 24 at 8:00 AM", "lunes, 24 de noviembre, 8:00 a.m.". */
export function spokenDateTime(instant: Date | string, language: Language): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${String(instant)}`)
  return dateTimeFormats[language].format(at)
}

const clockFormats = {
  en: new Intl.DateTimeFormat(intlLocale.en, { hour: 'numeric', minute: '2-digit', timeZone: agencyTimeZone }),
  es: new Intl.DateTimeFormat(intlLocale.es, { hour: 'numeric', minute: '2-digit', timeZone: agencyTimeZone }),
}
const dayFormats = {
  en: new Intl.DateTimeFormat(intlLocale.en, { weekday: 'long', month: 'long', day: 'numeric', timeZone: agencyTimeZone }),
  es: new Intl.DateTimeFormat(intlLocale.es, { weekday: 'long', month: 'long', day: 'numeric', timeZone: agencyTimeZone }),
}

/**
 * When the office opens or a call is due, as a person says it: "today at 8:00 AM", "mañana a las 9:00 a.m.", or
 * "el lunes, 24 de noviembre, a la 1:00 p.m." further off, rather than the weekday and date of today. Spanish
 * says "a la" for one o'clock, through the plural of the hour.
 */
export function spokenWhen(instant: Date | string, now: Date, language: Language, t: TFunction): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${String(instant)}`)
  const time = clockFormats[language].format(at)
  const hour = Number(/^\d+/.exec(time)?.[0] ?? 0)
  const day = localDateOf(at, agencyTimeZone)
  const today = localDateOf(now, agencyTimeZone)
  const params = { time, count: hour, day: dayFormats[language].format(at) }
  if (day === today) return t('ivr:when.today', params)
  if (day === addDays(today, 1)) return t('ivr:when.tomorrow', params)
  return t('ivr:when.onDay', params)
}

/** "1234" → "1 2 3 4", "K7M" → "K 7 M": each character on its own, so nobody hears "twelve thirty-four". */
export function oneByOne(characters: string): string {
  return [...characters.replace(/\s+/g, '')].join(' ')
}

/** The last four digits of a case number, read one by one. */
export function spokenEnding(caseNumber: string): string {
  return oneByOne(caseNumber.replace(/\D/g, '').slice(-4))
}

/** A US number in E.164 (+19165550101) read as its ten digits, in the usual 3-3-4 groups. */
export function spokenPhoneNumber(e164: string): string {
  const national = e164.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
  if (national.length !== 10) return oneByOne(national)
  return [national.slice(0, 3), national.slice(3, 6), national.slice(6)].map(oneByOne).join(', ')
}

const monthFormats = {
  en: new Intl.DateTimeFormat(intlLocale.en, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat(intlLocale.es, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
}

/** The month of a calendar date: "November 2025", "noviembre de 2025". */
export function spokenMonth(isoDate: string, language: Language): string {
  return monthFormats[language].format(new Date(`${isoDate.slice(0, 7)}-15T12:00:00Z`))
}

/**
 * Money before a noun, as English says it: "a 35 dollar service fee", never "a 35 dollars service fee". Spanish puts
 * the amount after the noun ("un cargo de 35 dólares"), so its templates use the ordinary form.
 */
export function spokenMoneyAsModifier(cents: number, language: Language, t: TFunction): string {
  if (language !== 'en' || cents <= 0 || cents % 100 !== 0) return spokenMoney(cents, language, t)
  return t('ivr:money.dollarsModifier', { dollars: spokenNumber(cents / 100, language) })
}

const postalCodeAfterState = /,?\s*\b(?:CA|California)\b\.?\s+\d{5}(?:-\d{4})?\b/g
const formInParentheses = /\s*\((?:form\s+)?[A-Z]{1,4}-\d{2,4}[A-Z]?\)/g
const formNumber = /\b([A-Z]{1,4})-(\d{2,4}[A-Z]?)\b/g

/**
 * Text the agency recorded for the eye (an event's topic, a place), made fit for the ear: a court form's number in
 * parentheses is left out (the caller hears what the form is), one standing alone is read letter by letter and digit
 * by digit, and a ZIP code after the state is dropped, since nobody drives to a ZIP code.
 */
export function spokenText(text: string, language: Language): string {
  void language
  return text
    .replace(formInParentheses, '')
    .replace(postalCodeAfterState, ', California')
    .replace(formNumber, (_match, letters: string, digits: string) => `${oneByOne(letters)} ${oneByOne(digits)}`)
    .replace(/\s{2,}/g, ' ')
    .trim()
}
