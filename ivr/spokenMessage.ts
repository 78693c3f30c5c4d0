import type { TFunction } from 'i18next'

import type { Message, MessageParam } from '../server/cases/messages'
import type { Language } from '../server/i18n'
import { spokenDate, spokenDateTime, spokenMoney, spokenNumber } from './spokenFormats'

// The case-inquiry service speaks in message keys with typed parameters (locales/<language>/cases.json); the web
// formats them for the eye, and this formats them for the ear with the same words around them.

function spokenParam(param: MessageParam, language: Language, t: TFunction): string {
  if ('money' in param) return spokenMoney(param.money, language, t)
  if ('date' in param) return spokenDate(param.date, language)
  if ('dateTime' in param) return spokenDateTime(param.dateTime, language)
  if ('count' in param) return spokenNumber(param.count, language)
  return param.text
}

export function spokenMessage(message: Message, language: Language, t: TFunction): string {
  const params = Object.fromEntries(Object.entries(message.params).map(([name, param]) => [name, spokenParam(param, language, t)]))
  return t(message.key, params)
}
