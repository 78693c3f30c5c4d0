import fs from 'node:fs'
import path from 'node:path'

import i18next, { type i18n, type Resource, type ResourceLanguage, type TFunction } from 'i18next'

import { projectRoot } from './config'

// Every sentence the product writes or speaks lives in locales/<language>/<namespace>.json. The web, the
// phone line and the console each render with the language of the request or call, never a global one.

export const supportedLanguages = ['en', 'es'] as const
export type Language = (typeof supportedLanguages)[number]

export const localesFolder = path.join(projectRoot, 'locales')

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value)
}

export function readLocaleResources(folder = localesFolder): Record<Language, ResourceLanguage> {
  const resources = {} as Record<Language, ResourceLanguage>
  for (const language of supportedLanguages) {
    const namespaces: ResourceLanguage = {}
    for (const file of fs.readdirSync(path.join(folder, language)).filter((f) => f.endsWith('.json'))) {
      namespaces[path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(folder, language, file), 'utf8'))
    }
    resources[language] = namespaces
  }
  return resources
}

/** One initialised i18next instance for the process; requests and calls take a fixed-language `t` from it. */
export function createI18n(): i18n {
  const resources = readLocaleResources()
  const instance = i18next.createInstance()
  // Spanish times end in "p.m." (Intl, es-US); a sentence that ends with one must not gain a second full stop.
  instance.use({ type: 'postProcessor', name: 'oneFullStopAfterTime', process: (value: string) => value.replace(/([ap]\.m\.)\.(?=\s|$)/g, '$1') })
  void instance.init({
    postProcess: ['oneFullStopAfterTime'],
    initAsync: false,
    resources: resources as Resource,
    supportedLngs: [...supportedLanguages],
    fallbackLng: 'en',
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    // Handlebars and TwiML escape on output; escaping here too would double-escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

const translators = new WeakMap<i18n, Map<Language, TFunction>>()

/**
 * The instance's translator for one language, built once. A sentence is the same every time for the same key and
 * parameters (the locale files are read once, at start-up), so it is kept after its first lookup: a page asks for
 * dozens of them, and i18next's lookup was the largest share of a page's CPU time. Sentences with parameters are kept
 * too when every parameter is a number, a boolean or a short string ("3 days", a count, a case's last four digits):
 * the rep's queue asks for four of them on each of its 200 rows.
 */
export function translatorFor(instance: i18n, language: Language): TFunction {
  let byLanguage = translators.get(instance)
  if (!byLanguage) {
    byLanguage = new Map()
    translators.set(instance, byLanguage)
  }
  let translator = byLanguage.get(language)
  if (!translator) {
    translator = rememberingSentences(instance.getFixedT(language))
    byLanguage.set(language, translator)
  }
  return translator
}

/** Bounds the memory of sentences kept with their parameters; forgetting them only costs a lookup. */
export const rememberedSentences = 20_000
/** Longer strings (free text, names, whole sentences passed in) are not worth a key. */
const longestKeptParameter = 80
const mostKeptParameters = 4

/** The key a sentence is kept under, or null when its parameters are not simple enough to key by. */
function sentenceKey(key: string, options: unknown): string | null {
  if (options === undefined) return key
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return null
  let built = key
  let count = 0
  for (const name in options) {
    if (++count > mostKeptParameters) return null
    const value = (options as Record<string, unknown>)[name]
    if (typeof value === 'number' || typeof value === 'boolean') built += `\u0000${name}\u0001${typeof value}:${value}`
    else if (typeof value === 'string' && value.length <= longestKeptParameter && !value.includes('\u0000')) built += `\u0000${name}\u0001${value}`
    else return null
  }
  return built
}

function rememberingSentences(fixed: TFunction): TFunction {
  const call = fixed as unknown as (...args: unknown[]) => unknown
  const kept = new Map<string, unknown>()
  const translate = (key: unknown, ...rest: unknown[]) => {
    const sentenceId = typeof key === 'string' && rest.length <= 1 ? sentenceKey(key, rest[0]) : null
    if (sentenceId === null) return call(key, ...rest)
    let sentence = kept.get(sentenceId)
    if (sentence === undefined) {
      sentence = call(key, ...rest)
      if (kept.size >= rememberedSentences) kept.clear()
      kept.set(sentenceId, sentence)
    }
    return sentence
  }
  return translate as unknown as TFunction
}
