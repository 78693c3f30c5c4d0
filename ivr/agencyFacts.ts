import type { AgencyDirectory, AgencyOffice, OpeningHours, PostalAddress } from '../server/agency/agencyDirectory'
import { isWeekdaysOnly } from '../server/agency/agencyDirectory'
import type { Language } from '../server/i18n'
import { oneByOne, spokenMoney, spokenPhoneNumber } from './spokenFormats'
import type { Turn } from './turn'

// The agency's offices, hours and ways to pay as a caller hears them, from the same directory the web reads
// (server/agency/agencyDirectory.ts), so the address a caller hears is the one a parent reads. Everything a caller
// may write down (a phone number, a receive code, a P.O. box, a ZIP code for a letter) is read one character at a
// time; a place a caller goes to is said without its ZIP code.

const clockFormats = {
  en: new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }),
}
const weekdayFormats = {
  en: new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-US', { weekday: 'long', timeZone: 'UTC' }),
}

/** "08:00" → "8:00 AM", "8:00 a.m.". */
export function spokenClock(time: string, language: Language): string {
  return clockFormats[language].format(new Date(`2025-01-06T${time}:00Z`))
}

/** Lists as spoken, one formatter per language and kind, kept (an Intl object per call holds ICU memory). */
const listFormats = {
  and: { en: new Intl.ListFormat('en-US', { type: 'conjunction' }), es: new Intl.ListFormat('es-US', { type: 'conjunction' }) },
  or: { en: new Intl.ListFormat('en-US', { type: 'disjunction' }), es: new Intl.ListFormat('es-US', { type: 'disjunction' }) },
}

function spokenDays(hours: OpeningHours, turn: Turn): string {
  if (isWeekdaysOnly(hours)) return turn.t('ivr:agency.weekdays')
  // 2025-01-05 is a Sunday, so ISO weekday n is that date plus n days.
  const names = hours.weekdays.map((day) => weekdayFormats[turn.language].format(new Date(Date.UTC(2025, 0, 5 + day, 12))))
  return listFormats.and[turn.language].format(names)
}

/** "Monday to Friday, from 8:00 AM to 4:00 PM", with a daily closure when there is one. */
export function spokenHours(hours: OpeningHours, turn: Turn): string {
  const base = turn.t('ivr:agency.hours', {
    days: spokenDays(hours, turn),
    opens: spokenClock(hours.opens, turn.language),
    closes: spokenClock(hours.closes, turn.language),
  })
  if (!hours.closedFrom || !hours.closedUntil) return base
  return turn.t('ivr:agency.hoursWithBreak', {
    hours: base,
    from: spokenClock(hours.closedFrom, turn.language),
    until: spokenClock(hours.closedUntil, turn.language),
  })
}

/** A street address to go to: its lines and city, "California" for CA, no ZIP code. */
export function spokenPlace(address: PostalAddress): string {
  return [...address.lines, address.city, address.state === 'CA' ? 'California' : address.state].join(', ')
}

/** An address to write on an envelope: box numbers and the ZIP code one digit at a time. */
export function spokenMailingAddress(address: PostalAddress): string {
  const lines = address.lines.map((line) => line.replace(/\b(P\.?\s?O\.?\s+Box)\s+(\d+)/i, (_m, box: string, digits: string) => `${box} ${oneByOne(digits)}`))
  const zip = address.postalCode.split('-').map(oneByOne).join(', ')
  return [...lines, address.city, address.state === 'CA' ? 'California' : address.state, zip].join(', ')
}

export function spokenOffice(office: AgencyOffice, turn: Turn): string {
  return turn.t('ivr:agency.office', { name: office.name[turn.language], place: spokenPlace(office.address), hours: spokenHours(office.hours, turn) })
}

/** "childsupport.ca.gov", "paynearme.com/california": a web address without its scheme, "www." or trailing slash. */
export function spokenWebsite(url: string): string {
  const parsed = new URL(url)
  return `${parsed.host.replace(/^www\./, '')}${parsed.pathname.replace(/\/$/, '')}`
}

const percent = (value: number) => String(value)

/** The lines of each way to pay, with its real destination and fee. */
export function paymentLines(directory: AgencyDirectory, turn: Turn): Record<'online' | 'moneygram' | 'paynearme' | 'mail' | 'paypal', string[]> {
  const { stateDisbursementUnit: sdu, moneyGram, payNearMe, payPal } = directory.payments
  const money = (cents: number) => spokenMoney(cents, turn.language, turn.t)
  return {
    online: [
      turn.t('ivr:pay.online', {
        website: spokenWebsite(sdu.website),
        phone: spokenPhoneNumber(sdu.phone),
        option: String(sdu.phonePaymentOption),
        cardFee: percent(sdu.cardFeePercent),
      }),
    ],
    moneygram: [
      turn.t('ivr:pay.moneygram', { code: oneByOne(moneyGram.receiveCode), fee: money(moneyGram.feeCents) }),
      turn.t('ivr:pay.moneygramLocations', { phone: spokenPhoneNumber(moneyGram.phone) }),
    ],
    paynearme: [
      turn.t('ivr:pay.paynearme', {
        stores: listFormats.or[turn.language].format(payNearMe.stores),
        website: spokenWebsite(payNearMe.website),
        fee: money(payNearMe.feeCents),
      }),
    ],
    mail: [
      turn.t('ivr:pay.mail', { payableTo: sdu.mailTo.payableTo }),
      turn.t('ivr:pay.mailTo', { address: spokenMailingAddress(sdu.mailTo.address) }),
    ],
    paypal: [turn.t('ivr:pay.paypal', { website: spokenWebsite(payPal.website), fee: percent(payPal.feePercent), minimum: money(payPal.minimumFeeCents) })],
  }
}
