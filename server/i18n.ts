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
  void instance.init({
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

export function translatorFor(instance: i18n, language: Language): TFunction {
  return instance.getFixedT(language)
}
