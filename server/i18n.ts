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
 * The instance's translator for one language, built once. A sentence without parameters is the same every time (the
 * locale files are read once, at start-up), so it is kept after its first lookup: a page asks for dozens of them, and
 * i18next's lookup was the largest share of a page's CPU time.
 */
export function translatorFor(instance: i18n, language: Language): TFunction {
  let byLanguage = translators.get(instance)
  if (!byLanguage) {
    byLanguage = new Map()
    translators.set(instance, byLanguage)
  }
  let translator = byLanguage.get(language)
  if (!translator) {
    translator = rememberingPlainSentences(instance.getFixedT(language))
    byLanguage.set(language, translator)
  }
  return translator
}

function rememberingPlainSentences(fixed: TFunction): TFunction {
  const call = fixed as unknown as (...args: unknown[]) => unknown
  const plain = new Map<string, unknown>()
  const hasOptions = (options: unknown) =>
    options !== undefined && (typeof options !== 'object' || options === null || Object.keys(options).length > 0)
  const translate = (key: unknown, ...rest: unknown[]) => {
    if (typeof key !== 'string' || rest.length > 1 || hasOptions(rest[0])) return call(key, ...rest)
    let sentence = plain.get(key)
    if (sentence === undefined) {
      sentence = call(key)
      plain.set(key, sentence)
    }
    return sentence
  }
  return translate as unknown as TFunction
}
