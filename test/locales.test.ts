import { readLocaleResources } from '../server/i18n'

function flattenKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => flattenKeys(child, prefix ? `${prefix}.${key}` : key))
}

function leaves(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value]
  return Object.values(value).flatMap(leaves)
}

describe('locale files', () => {
  const resources = readLocaleResources()

  it('have the same namespaces in English and Spanish', () => {
    expect(Object.keys(resources.es).sort()).toEqual(Object.keys(resources.en).sort())
  })

  it.each(Object.keys(resources.en))('namespace %s holds the same keys in both languages', (namespace) => {
    expect(flattenKeys(resources.es[namespace]).sort()).toEqual(flattenKeys(resources.en[namespace]).sort())
  })

  it('have no empty message and only strings as leaves', () => {
    for (const language of ['en', 'es'] as const) {
      for (const leaf of leaves(resources[language])) {
        expect(typeof leaf).toBe('string')
        expect((leaf as string).trim()).not.toBe('')
      }
    }
  })

  it('use the same interpolation placeholders in both languages', () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort()
    for (const namespace of Object.keys(resources.en)) {
      for (const key of flattenKeys(resources.en[namespace])) {
        const read = (language: 'en' | 'es') =>
          key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], resources[language][namespace])
        expect([namespace, key, placeholders(read('es'))]).toEqual([namespace, key, placeholders(read('en'))])
      }
    }
  })
})
