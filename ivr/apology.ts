import type { i18n } from 'i18next'

import { type Language, translatorFor } from '../server/i18n'
import { newResponse, sayLines } from './voice'

/**
 * What a caller hears when the line cannot answer in time (the database is down or too slow): an apology and
 * "call again", then the line hangs up, instead of Twilio's "application error". In the caller's language when it
 * is known, else in English and then Spanish.
 */
export function ivrApology(i18next: i18n, language: Language | null): string {
  const response = newResponse()
  for (const spoken of language ? [language] : (['en', 'es'] as const)) {
    sayLines(response, spoken, [translatorFor(i18next, spoken)('ivr:outage')])
  }
  response.hangup()
  return response.toString()
}
