import { type AgencyOffice, isWeekdaysOnly, type OpeningHours, type PostalAddress } from '../agency/agencyDirectory'

// The agency's hours and offices as a reader sees them on a page, from the agency directory the phone line also
// reads (issue 12, item 13: the address a caller hears is the one a parent reads). The phone line says the same
// facts for the ear in ivr/agencyFacts.ts.

type Translate = (key: string, options?: Record<string, unknown>) => string

const weekdayNames = {
  en: new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-US', { weekday: 'long', timeZone: 'UTC' }),
}
const andLists = {
  en: new Intl.ListFormat('en-US', { type: 'conjunction' }),
  es: new Intl.ListFormat('es-US', { type: 'conjunction' }),
}

const languageOf = (language: string) => (language === 'es' ? 'es' : 'en')

/**
 * "08:00" → "8 a.m." and "12:00" → "noon" in English, as the rest of the English pages write times; "8:00 a.m." and
 * "12:00 p.m." in Spanish, as Intl's es-US writes them everywhere else (locales/GLOSSARY.md: one way to write a time).
 */
export function writtenClock(time: string, language: string, t: Translate): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  if (hour === 12 && minute === 0) return t('common:hours.noon')
  const twelve = hour % 12 === 0 ? 12 : hour % 12
  const minutes = String(minute).padStart(2, '0')
  const clock = minute === 0 && languageOf(language) === 'en' ? String(twelve) : `${twelve}:${minutes}`
  return t(hour < 12 ? 'common:hours.am' : 'common:hours.pm', { clock })
}

function writtenDays(hours: OpeningHours, language: string, t: Translate): string {
  if (isWeekdaysOnly(hours)) return t('common:hours.weekdays')
  const lang = languageOf(language)
  // 2025-01-05 is a Sunday, so ISO weekday n is that date plus n days.
  const names = hours.weekdays.map((day) => weekdayNames[lang].format(new Date(Date.UTC(2025, 0, 5 + day, 12))))
  return andLists[lang].format(names)
}

/** "Monday to Friday, 8 a.m. to 4 p.m.; closed from noon to 1 p.m." */
export function writtenHours(hours: OpeningHours, language: string, t: Translate): string {
  const base = t('common:hours.range', {
    days: writtenDays(hours, language, t),
    opens: writtenClock(hours.opens, language, t),
    closes: writtenClock(hours.closes, language, t),
  })
  if (!hours.closedFrom || !hours.closedUntil) return base
  return t('common:hours.withBreak', {
    hours: base,
    from: writtenClock(hours.closedFrom, language, t),
    until: writtenClock(hours.closedUntil, language, t),
  })
}

/** "Elk Grove, CA 95758": the last line of an address as it is written on an envelope. */
export function cityLine(address: PostalAddress): string {
  return `${address.city}, ${address.state} ${address.postalCode}`
}

export interface WrittenOffice {
  name: string
  lines: string[]
  cityLine: string
  hours: string
  access: string[]
}

/** An office as the contact page shows it, in the page's language. */
export function writtenOffice(office: AgencyOffice, language: string, t: Translate): WrittenOffice {
  return {
    name: office.name[languageOf(language)],
    lines: office.address.lines,
    cityLine: cityLine(office.address),
    hours: writtenHours(office.hours, language, t),
    access: office.access.map((feature) => t(`portal:public.contact.access.${feature}`)),
  }
}
