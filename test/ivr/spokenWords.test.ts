import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { spokenKeyOf, spokenMessage } from '../../ivr/spokenMessage'
import { message, money, text } from '../../server/cases/messages'
import { createI18n, type Language, translatorFor } from '../../server/i18n'

// What the phone says is written for the ear, in its own keys: every message the case-inquiry service can hand the
// phone (next steps) has a spoken twin in both languages with the same parameters, every payment method has the
// words a sentence says it with, and none of it tells a caller already on the line to call us.

const i18n = createI18n()
const locales = join(__dirname, '../../locales')
const read = (language: Language, namespace: string) => JSON.parse(readFileSync(join(locales, language, `${namespace}.json`), 'utf8'))
const variables = (sentence: string) => [...sentence.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]!).sort()

describe.each<Language>(['en', 'es'])('in %s', (language) => {
  const cases = read(language, 'cases')
  const ivr = read(language, 'ivr')
  const t = translatorFor(i18n, language)

  it('every next step has a spoken twin that uses only the parameters the written one has', () => {
    for (const [key, written] of Object.entries<string>(cases.nextSteps)) {
      const spoken = ivr.spoken.nextSteps[key] as string | undefined
      expect({ key, spoken: typeof spoken }).toEqual({ key, spoken: 'string' })
      const allowed = new Set(variables(written).flatMap((name) => [name, `${name}AsModifier`]))
      for (const name of variables(spoken!)) expect({ key, name, allowed: allowed.has(name) }).toEqual({ key, name, allowed: true })
    }
    expect(Object.keys(ivr.spoken.nextSteps).sort()).toEqual(Object.keys(cases.nextSteps).sort())
  })

  it('every payment method has the words a sentence says it with, lower-case unless a brand', () => {
    expect(Object.keys(ivr.spoken.method).sort()).toEqual(Object.keys(cases.method).sort())
    for (const words of Object.values<string>(ivr.spoken.method)) expect(words).toMatch(/^[a-zá-ú]/)
  })

  it('never asks a caller already on the line to call, and reads no form number or parentheses', () => {
    const spoken = JSON.stringify(ivr)
    expect(spoken).not.toMatch(/call us|ll[aá]menos|Questions\?|¿Tiene preguntas\?/i)
    expect(JSON.stringify(ivr.spoken)).not.toMatch(/\(|\b[A-Z]{2}-\d{3}\b/)
  })

  it('says the annual fee as a caller would hear it said', () => {
    const heard = spokenMessage(message('cases:nextSteps.annualFee', { fee: money(3500), threshold: money(55000) }), language, t)
    expect(heard).toBe(
      language === 'en'
        ? 'Each year, once 550 dollars has been collected for you, a 35 dollar service fee is taken from one payment to you.'
        : 'Cada año, cuando se han cobrado 550 dólares para usted, se descuenta un cargo anual por servicio de 35 dólares de uno de sus pagos.',
    )
    expect(spokenKeyOf('cases:nextSteps.annualFee')).toBe('ivr:spoken.nextSteps.annualFee')
  })

  it('reads a document request without its form number', () => {
    const heard = spokenMessage(
      message('cases:nextSteps.documentRequested', { topic: text('Income and Expense Declaration (FL-150)'), dueDate: { date: '2025-12-02' } }),
      language,
      t,
    )
    expect(heard).not.toContain('FL')
    expect(heard).toContain('Income and Expense Declaration')
  })
})
