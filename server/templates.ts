import path from 'node:path'

import type { Express } from 'express'
import { create } from 'express-handlebars'
import Handlebars, { type HelperOptions } from 'handlebars'
import { parsePhoneNumberFromString } from 'libphonenumber-js'

import { agencyTimeZone, projectRoot } from './config'
import { type ConsolePathName, consolePaths } from './console/paths'
import { assetUrl } from './middleware/assetUrls'
import { portalPaths } from './portal/paths'

// Handlebars pages translate with the request's own `t` (set by the language middleware), and format
// money and dates with Intl for the request's language at the edge: the services hand over cents and
// ISO dates.

const intlLocale = (language: string) => (language === 'es' ? 'es-US' : 'en-US')

// Building an Intl formatter costs far more than using one (a tenth of a page's CPU time when each call built its
// own), so each is built once per locale and kept.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function cachedFormatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(name: string, locale: string, build: () => T): T {
  const key = `${name}:${locale}`
  let formatter = formatters.get(key) as T | undefined
  if (!formatter) {
    formatter = build()
    formatters.set(key, formatter)
  }
  return formatter
}

export const intlFormats = {
  money: (locale: string) => cachedFormatter('money', locale, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' })),
  dateTime: (locale: string) =>
    cachedFormatter('dateTime', locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: agencyTimeZone })),
  calendarDate: (locale: string) => cachedFormatter('calendarDate', locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })),
  agencyDate: (locale: string) =>
    cachedFormatter('agencyDate', locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: agencyTimeZone })),
  monthYear: (locale: string) =>
    cachedFormatter('monthYear', locale, () => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })),
  shortMonth: (locale: string) => cachedFormatter('shortMonth', locale, () => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })),
}

export function formatMoney(language: string, cents: number): string {
  return intlFormats.money(intlLocale(language)).format(cents / 100)
}

/** An ISO instant as the agency's wall-clock date and time (hearings, lockouts, callback deadlines). */
export function formatDateTime(language: string, instant: string): string {
  if (!instant) return ''
  return intlFormats.dateTime(intlLocale(language)).format(new Date(instant))
}

/** A month's short name (Jan, ene.) in the page's language, for chart labels. */
export function formatShortMonth(language: string, yearMonth: string): string {
  return intlFormats.shortMonth(intlLocale(language)).format(new Date(`${yearMonth}-15T12:00:00Z`))
}

type Root = { t: (key: string, options?: Record<string, unknown>) => string; language: string }

const rootOf = (options: HelperOptions) => options.data.root as Root
const localeOf = (options: HelperOptions) => intlLocale(rootOf(options).language)

/** A parameter of a domain message (server/cases/messages.ts): money in cents, a date, an instant, a count or text. */
type MessageParam = { money: number } | { date: string } | { month: string } | { dateTime: string } | { count: number } | { text: string }

function formatParam(param: MessageParam, options: HelperOptions): unknown {
  if ('money' in param) return templateHelpers.money(param.money, options)
  if ('date' in param) return templateHelpers.date(param.date, options)
  if ('month' in param) return templateHelpers.monthYear(param.month, options)
  if ('dateTime' in param) return templateHelpers.dateTime(param.dateTime, options)
  if ('count' in param) return param.count
  return param.text
}

export const templateHelpers = {
  t(key: string, options: HelperOptions) {
    return rootOf(options).t(key, options.hash as Record<string, unknown>)
  },
  /** A domain message `{ key, params }`, translated with its parameters formatted for the page's language. */
  message(message: { key: string; params?: Record<string, MessageParam> } | undefined, options: HelperOptions) {
    if (!message) return ''
    const params: Record<string, unknown> = {}
    for (const [name, param] of Object.entries(message.params ?? {})) {
      params[name] = formatParam(param, options)
      // i18next picks plural forms from `count`; a count parameter under another name still pluralises.
      if ('count' in param && params.count === undefined) params.count = param.count
    }
    return rootOf(options).t(message.key, params)
  },
  /** A portal path by name, with its :parameters from the hash: {{path "casePage" caseNumber=number}}. */
  path(name: keyof typeof portalPaths, options: HelperOptions) {
    const pattern: string = portalPaths[name] ?? '/'
    return pattern.replace(/:(\w+)/g, (_match, key: string) => encodeURIComponent(String(options.hash?.[key] ?? '')))
  },
  /** A console path by name, with its :parameters from the hash: {{consolePath "callback" callbackId=id}}. */
  consolePath(name: ConsolePathName, options: HelperOptions) {
    const pattern: string = consolePaths[name] ?? consolePaths.home
    return pattern.replace(/:(\w+)/g, (_match, key: string) => encodeURIComponent(String(options.hash?.[key] ?? '')))
  },
  money(cents: number, options: HelperOptions) {
    return formatMoney(rootOf(options).language, cents)
  },
  date(isoDate: string, options: HelperOptions) {
    if (!isoDate) return ''
    if (isoDate.length === 10) return intlFormats.calendarDate(localeOf(options)).format(new Date(`${isoDate}T12:00:00Z`))
    return intlFormats.agencyDate(localeOf(options)).format(new Date(isoDate))
  },
  dateTime(instant: string, options: HelperOptions) {
    return formatDateTime(rootOf(options).language, instant)
  },
  /** Month and year of an ISO date, for chart labels and monthly totals. */
  monthYear(isoDate: string, options: HelperOptions) {
    if (!isoDate) return ''
    return intlFormats.monthYear(localeOf(options)).format(new Date(`${isoDate.slice(0, 7)}-15T12:00:00Z`))
  },
  /** +18665550100 → (866) 555-0100, the way a US reader expects to see it. */
  phoneNumber(e164: string) {
    return parsePhoneNumberFromString(e164, 'US')?.formatNational() ?? e164
  },
  /** The same, for the text of a tel: link: a non-breaking space and hyphen keep the number on one line. */
  phoneNumberUnbroken(e164: string) {
    return templateHelpers.phoneNumber(e164).replace(/ /g, '\u00a0').replace(/-/g, '\u2011')
  },
  /** A phone number a parent can tap to call, shown the way a US reader expects: {{telLink agencyPhone}}. */
  telLink(e164: string) {
    const href = Handlebars.escapeExpression(`tel:${e164}`)
    return new Handlebars.SafeString(`<a class="usa-link" href="${href}">${Handlebars.escapeExpression(templateHelpers.phoneNumberUnbroken(e164))}</a>`)
  },
  /** A web address as a reader sees it: "childsupport.ca.gov/make-a-payment", without scheme, "www." or end slash. */
  websiteLabel(url: string) {
    const parsed = new URL(url)
    return `${parsed.host.replace(/^www\./, '')}${parsed.pathname.replace(/\/$/, '')}`
  },
  /** A link to an outside website, its text the address as a reader sees it. */
  linkTo(url: string) {
    const href = Handlebars.escapeExpression(url)
    return new Handlebars.SafeString(`<a class="usa-link" href="${href}" rel="noreferrer">${Handlebars.escapeExpression(templateHelpers.websiteLabel(url))}</a>`)
  },
  /**
   * A sentence with links in it: {{tLinked "home:phoneLine" phone=(telLink agencyPhone)}}. The sentence and every
   * plain parameter are escaped; only parameters that are already safe HTML (a link built by a helper) are kept.
   */
  tLinked(key: string, options: HelperOptions) {
    const hash = (options.hash ?? {}) as Record<string, unknown>
    const safe = new Map<string, string>()
    const params: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(hash)) {
      if (value instanceof Handlebars.SafeString) {
        const token = `\u0000${safe.size}\u0000`
        safe.set(token, value.toHTML())
        params[name] = token
      } else params[name] = value
    }
    let html = Handlebars.escapeExpression(rootOf(options).t(key, params))
    for (const [token, link] of safe) html = html.split(Handlebars.escapeExpression(token)).join(link)
    return new Handlebars.SafeString(html)
  },
  /** An asset's URL with its content fingerprint, so the browser keeps it for a year: {{asset "/assets/css/app.css"}}. */
  asset: (publicPath: string) => assetUrl(publicPath),
  eq: (a: unknown, b: unknown) => a === b,
  /** True for any number, 0 included (a time share of 0% is an answer, not a blank). */
  isNumber: (value: unknown) => typeof value === 'number',
  list: (...args: unknown[]) => args.slice(0, -1),
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  /** An object from hash arguments, for lists of options built in a template. */
  object: (options: HelperOptions) => ({ ...(options.hash as Record<string, unknown>) }),
  /** Sums numbers, for coordinates in server-drawn SVG charts. */
  add: (...args: unknown[]) => args.slice(0, -1).reduce<number>((sum, value) => sum + Number(value), 0),
}

export function setUpTemplates(app: Express): void {
  const views = path.join(projectRoot, 'views')
  const engine = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(views, 'layouts'),
    partialsDir: path.join(views, 'partials'),
    helpers: templateHelpers,
  })
  // With the view cache on (production), express-handlebars still gathers every partial on each render: an await and
  // a path.resolve for each of some forty cached templates, about 5% of a signed-in page's CPU in the bench's profile.
  // While templates are cached the set of partials cannot change, so it is gathered once (and again after a failure).
  const gatherPartials = engine.getPartials.bind(engine)
  let gathered: ReturnType<typeof gatherPartials> | undefined
  engine.getPartials = (options) => {
    if (!options?.cache) return gatherPartials(options)
    gathered ??= gatherPartials(options).catch((error: unknown) => {
      gathered = undefined
      throw error
    })
    return gathered
  }
  app.engine('.hbs', engine.engine)
  app.set('view engine', '.hbs')
  app.set('views', path.join(views, 'pages'))
}
