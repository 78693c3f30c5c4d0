import type { NextFunction, Request, Response } from 'express'
import type { i18n } from 'i18next'

import { isLanguage, type Language, translatorFor } from '../i18n'

export const languageCookie = 'lng'
const oneYearMs = 365 * 24 * 60 * 60 * 1000

/**
 * Chooses the request's language: `?lng=` (remembered in a cookie), then the cookie, then the browser's
 * Accept-Language, then English. Each request gets a translator fixed to that language, so two parents
 * reading in two languages at once never see each other's.
 */
export function chooseLanguage(req: Request): { language: Language; fromQuery: boolean } {
  const fromQuery = typeof req.query.lng === 'string' ? req.query.lng.toLowerCase() : undefined
  if (isLanguage(fromQuery)) return { language: fromQuery, fromQuery: true }
  const fromCookie = (req.cookies as Record<string, string> | undefined)?.[languageCookie]
  if (isLanguage(fromCookie)) return { language: fromCookie, fromQuery: false }
  const accepted = req.acceptsLanguages('en', 'es')
  return { language: isLanguage(accepted) ? accepted : 'en', fromQuery: false }
}

/** The same page in another language: the current URL with `lng` replaced. */
export function urlInLanguage(originalUrl: string, language: Language): string {
  const url = new URL(originalUrl, 'http://localhost')
  url.searchParams.set('lng', language)
  return `${url.pathname}${url.search}`
}

export function setUpLanguage(i18nInstance: i18n, secureCookies: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const { language, fromQuery } = chooseLanguage(req)
    if (fromQuery) {
      res.cookie(languageCookie, language, { maxAge: oneYearMs, httpOnly: true, sameSite: 'lax', secure: secureCookies })
    }
    const otherLanguage: Language = language === 'en' ? 'es' : 'en'
    req.language = language
    req.t = translatorFor(i18nInstance, language)
    res.locals.language = language
    res.locals.t = req.t
    res.locals.otherLanguage = otherLanguage
    res.locals.otherLanguageUrl = urlInLanguage(req.originalUrl, otherLanguage)
    res.locals.currentPath = req.path
    next()
  }
}
