import { optionalHolidayNames, stateHolidayNames } from '../../server/callbacks/californiaHolidays'
import { queueRefusalKeys } from '../../server/callbacks/callbackQueue'
import { attemptOutcomes, callbackStatuses } from '../../server/callbacks/callbackRecord'
import { callbackChannels, callbackTopics, requestErrorKeys } from '../../server/callbacks/callbackRequest'
import { serviceErrorKeys } from '../../server/callbacks/callbackService'
import { callbackWindows } from '../../server/callbacks/serviceLevel'
import { readLocaleResources } from '../../server/i18n'

// Every enum the callbacks domain returns, and every message key it names, has words in both languages.
const resources = readLocaleResources()

function lookup(language: 'en' | 'es', key: string): unknown {
  const [namespace, path] = key.split(':') as [string, string]
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[language][namespace])
}

const keys = [
  ...callbackTopics.map((t) => `callbacks:topics.${t}`),
  ...callbackWindows.map((w) => `callbacks:windows.${w}`),
  ...callbackStatuses.map((s) => `callbacks:statuses.${s}`),
  ...callbackStatuses.map((s) => `callbacks:statusesForParent.${s}`),
  ...attemptOutcomes.map((o) => `callbacks:outcomes.${o}`),
  ...callbackChannels.map((c) => `callbacks:channels.${c}`),
  ...[...stateHolidayNames, ...optionalHolidayNames].map((h) => `callbacks:holidays.${h}`),
  ...Object.values(requestErrorKeys),
  ...Object.values(serviceErrorKeys),
  ...Object.values(queueRefusalKeys),
]

describe('callback messages', () => {
  it.each(keys)('%s is written in English and Spanish', (key) => {
    expect(typeof lookup('en', key)).toBe('string')
    expect(typeof lookup('es', key)).toBe('string')
  })
})
