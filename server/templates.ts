import path from 'node:path'

import type { Express } from 'express'
import { create } from 'express-handlebars'
import type { HelperOptions } from 'handlebars'
import { parsePhoneNumberFromString } from 'libphonenumber-js'

import { agencyTimeZone, projectRoot } from './config'

// Handlebars pages translate with the request's own `t` (set by the language middleware), and format
// money and dates with Intl for the request's language at the edge: the services hand over cents and
// ISO dates.

type Root = { t: (key: string, options?: Record<string, unknown>) => string; language: string }

const rootOf = (options: HelperOptions) => options.data.root as Root

export const templateHelpers = {
  t(key: string, options: HelperOptions) {
    return rootOf(options).t(key, options.hash as Record<string, unknown>)
  },
  money(cents: number, options: HelperOptions) {
    return new Intl.NumberFormat(rootOf(options).language === 'es' ? 'es-US' : 'en-US', {
      style: 'currency',
      currency: 'USD',
    }).format(cents / 100)
  },
  date(isoDate: string, options: HelperOptions) {
    if (!isoDate) return ''
    const instant = isoDate.length === 10 ? new Date(`${isoDate}T12:00:00Z`) : new Date(isoDate)
    return new Intl.DateTimeFormat(rootOf(options).language === 'es' ? 'es-US' : 'en-US', {
      dateStyle: 'long',
      timeZone: isoDate.length === 10 ? 'UTC' : agencyTimeZone,
    }).format(instant)
  },
  /** +18665550100 → (866) 555-0100, the way a US reader expects to see it. */
  phoneNumber(e164: string) {
    return parsePhoneNumberFromString(e164, 'US')?.formatNational() ?? e164
  },
  eq: (a: unknown, b: unknown) => a === b,
  list: (...args: unknown[]) => args.slice(0, -1),
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
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
  app.engine('.hbs', engine.engine)
  app.set('view engine', '.hbs')
  app.set('views', path.join(views, 'pages'))
}
