import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { createI18n, type Language, readLocaleResources, translatorFor } from '../../server/i18n'

// Every string of both languages, web and voice, held to the glossary (locales/GLOSSARY.md): the words its table
// refuses in Spanish and in English appear nowhere. Speech-recognition lists (keys ending in "Phrases" or "phrases")
// are left out, since they list what callers may say, variants included.

const glossary = readFileSync(join(__dirname, '../../locales/GLOSSARY.md'), 'utf8')

interface Term {
  concept: string
  never: Record<Language, string[]>
}

function terms(): Term[] {
  const table = glossary.split('<!-- terms:start -->')[1]!.split('<!-- terms:end -->')[0]!
  const rows = table.split('\n').filter((line) => line.startsWith('|') && !line.startsWith('|---') && !line.startsWith('| concept'))
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1).map((cell) => cell.trim())
    const list = (cell: string | undefined) => (cell ?? '').split(';').map((word) => word.trim()).filter(Boolean)
    return { concept: cells[0]!, never: { es: list(cells[3]), en: list(cells[4]) } }
  })
}

/** [key path, text] for every message of a language, recognition lists left out. */
function messages(language: Language): Array<[string, string]> {
  const found: Array<[string, string]> = []
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      if (!/phrases$/i.test(path)) found.push([path, node])
      return
    }
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) walk(child, path ? `${path}.${key}` : key)
  }
  for (const [namespace, tree] of Object.entries(readLocaleResources()[language])) walk(tree, `${namespace}:`)
  return found
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A whole word or phrase, any case: "te" is not found in "teléfono", nor "p. m." in "p.m.". */
const wholeWords = (phrase: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])`, 'iu')

describe('the glossary', () => {
  it('has a term for each concept the issue names, with the words the test refuses', () => {
    const concepts = terms().map((t) => t.concept)
    for (const concept of ['child support', 'arrears', 'enforcement', "driver's license", 'tax refund intercept', 'annual service fee', 'callback', 'payout', 'caseworker', 'support order']) {
      expect(concepts).toContain(concept)
    }
    expect(terms().flatMap((t) => t.never.es)).toEqual(expect.arrayContaining(['licencia de conducir', 'cumplimiento', 'llamadas de regreso', 'aparato']))
    expect(terms().flatMap((t) => t.never.en)).toEqual(expect.arrayContaining(['reach you on', 'agree a payment plan']))
  })
})

describe.each<Language>(['es', 'en'])('every %s string', (language) => {
  const all = messages(language)

  it.each(terms().filter((t) => t.never[language].length > 0).map((t) => [t.concept, t] as const))('uses the glossary word for %s', (_concept, term) => {
    const slips = all.flatMap(([path, text]) => term.never[language].filter((word) => wholeWords(word).test(text)).map((word) => `${path}: "${word}" in "${text}"`))
    expect(slips).toEqual([])
  })

  it('says a payment method mid-sentence in lower case unless a brand, for every method', () => {
    const cases = readLocaleResources()[language].cases as { method: Record<string, string>; methodInSentence: Record<string, string> }
    expect(Object.keys(cases.methodInSentence).sort()).toEqual(Object.keys(cases.method).sort())
    for (const words of Object.values(cases.methodInSentence)) expect(words).toMatch(/^[a-zá-ú]/)
  })

  it('never ends a time with a second full stop, whatever the sentence around it', () => {
    expect(all.filter(([, text]) => /[ap]\.m\.\./i.test(text))).toEqual([])
    const t = translatorFor(createI18n(), language)
    // A template that ends in {{time}} after a time that ends in "p.m." (es-US) says one full stop.
    expect(t('ivr:callback.requested', { time: 'lunes, 24 de noviembre, 4:00 p.m.' })).not.toMatch(/p\.m\.\./)
  })
})
