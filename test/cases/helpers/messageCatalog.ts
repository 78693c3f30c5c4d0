// Checks that every message a result carries exists in both locale files with exactly the placeholders it fills.
import { readLocaleResources } from '../../../server/i18n'

const resources = readLocaleResources()

function lookup(language: 'en' | 'es', key: string): unknown {
  const [namespace, path] = key.split(':') as [string, string]
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[language][namespace])
}

/** Every { key, params } object found anywhere in `value`. */
export function messagesIn(value: unknown): Array<{ key: string; params: Record<string, unknown> }> {
  if (Array.isArray(value)) return value.flatMap(messagesIn)
  if (typeof value !== 'object' || value === null) return []
  const record = value as Record<string, unknown>
  const own = typeof record.key === 'string' && typeof record.params === 'object' && record.params !== null
    ? [{ key: record.key, params: record.params as Record<string, unknown> }]
    : []
  return [...own, ...Object.values(record).flatMap(messagesIn)]
}

/** Problems found: a key missing in a language, or placeholders that differ from the parameters given. */
export function untranslatedMessages(value: unknown): string[] {
  const problems: string[] = []
  for (const { key, params } of messagesIn(value)) {
    for (const language of ['en', 'es'] as const) {
      const text = lookup(language, key)
      if (typeof text !== 'string') {
        problems.push(`${language} lacks ${key}`)
        continue
      }
      const placeholders = [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort()
      const given = Object.keys(params).sort()
      if (JSON.stringify(placeholders) !== JSON.stringify(given)) {
        problems.push(`${language} ${key}: text has {${placeholders.join(',')}} but params are {${given.join(',')}}`)
      }
    }
  }
  return problems
}
