import type { TFunction } from 'i18next'

import type { Message, MessageParam } from '../server/cases/messages'
import type { Language } from '../server/i18n'
import { spokenDate, spokenDateTime, spokenMoney, spokenMoneyAsModifier, spokenMonth, spokenNumber, spokenText } from './spokenFormats'

// The case-inquiry service speaks in message keys with typed parameters (locales/<language>/cases.json); the web
// formats them for the eye. The phone says each message in words written for the ear: its twin under
// ivr:spoken (cases:nextSteps.contactUs → ivr:spoken.nextSteps.contactUs), which tells a caller already on the line
// to press 0 rather than to call us, with the same parameters spoken (money as words, dates in full, no form numbers).

export function spokenKeyOf(messageKey: string): string {
  return messageKey.replace(/^cases:/, 'ivr:spoken.')
}

function spokenParams(name: string, param: MessageParam, language: Language, t: TFunction): Array<[string, string]> {
  if ('money' in param) {
    return [
      [name, spokenMoney(param.money, language, t)],
      [`${name}AsModifier`, spokenMoneyAsModifier(param.money, language, t)],
    ]
  }
  if ('date' in param) return [[name, spokenDate(param.date, language)]]
  if ('month' in param) return [[name, spokenMonth(param.month, language)]]
  if ('dateTime' in param) return [[name, spokenDateTime(param.dateTime, language)]]
  if ('count' in param) return [[name, spokenNumber(param.count, language)]]
  return [[name, spokenText(param.text, language)]]
}

export function spokenMessage(message: Message, language: Language, t: TFunction): string {
  const params = Object.fromEntries(Object.entries(message.params).flatMap(([name, param]) => spokenParams(name, param, language, t)))
  // A message without a spoken twin would be a slip the locale test catches; the written words are better than none.
  return t([spokenKeyOf(message.key), message.key], params)
}
