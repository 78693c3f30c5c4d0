import type { TFunction } from 'i18next'

import { createI18n, rememberedSentences, translatorFor } from '../server/i18n'

// translatorFor keeps what i18next answered, so a page that asks for the same sentence again (the rep's queue asks for
// four on each of its 200 rows) does not go through i18next's whole lookup each time. Kept or not, the words are the
// ones i18next gives.

function countedInstance() {
  const instance = createI18n()
  const lookups: unknown[][] = []
  const getFixedT = instance.getFixedT.bind(instance)
  instance.getFixedT = ((...args: Parameters<typeof getFixedT>) => {
    const fixed = getFixedT(...args) as unknown as (...a: unknown[]) => unknown
    return ((...a: unknown[]) => {
      lookups.push(a)
      return fixed(...a)
    }) as unknown as TFunction
  }) as typeof instance.getFixedT
  return { instance, lookups }
}

describe('translatorFor', () => {
  const reference = createI18n()

  it('gives the sentence i18next gives, with and without parameters, plurals included, in both languages', () => {
    for (const language of ['en', 'es'] as const) {
      const t = translatorFor(createI18n(), language)
      const direct = reference.getFixedT(language)
      for (const [key, options] of [
        ['console:queue.heading', undefined],
        ['console:duration.days', { count: 1 }],
        ['console:duration.days', { count: 3 }],
        ['console:duration.minutes', { count: 0 }],
        ['console:timeLeft.left', { duration: '2 h 5 min' }],
        ['console:queue.claimedBy', { name: 'Elena García' }],
      ] as const) {
        expect(t(key, options as never)).toBe(direct(key, options as never))
        // Asked again: the same words.
        expect(t(key, options as never)).toBe(direct(key, options as never))
      }
    }
  })

  it('looks a sentence up once for the same key and parameters, again for other parameters', () => {
    const { instance, lookups } = countedInstance()
    const t = translatorFor(instance, 'en')
    t('console:duration.hours', { count: 2 })
    t('console:duration.hours', { count: 2 })
    t('console:queue.heading')
    t('console:queue.heading', {})
    expect(lookups).toHaveLength(2)
    t('console:duration.hours', { count: 3 })
    t('console:timeLeft.left', { duration: '2 h' })
    t('console:timeLeft.left', { duration: '3 h' })
    expect(lookups).toHaveLength(5)
    expect(t('console:duration.hours', { count: 2 })).not.toBe(t('console:duration.hours', { count: 3 }))
  })

  it('keeps a number and the same digits as text apart, and parameters under other names apart', () => {
    const { instance, lookups } = countedInstance()
    const t = translatorFor(instance, 'en')
    t('console:duration.days', { count: 2 })
    t('console:duration.days', { count: '2' })
    t('console:timeLeft.left', { duration: 'x', other: 'y' })
    t('console:timeLeft.left', { duration: 'x\u0000other\u0001y' })
    expect(lookups).toHaveLength(4)
  })

  it('always asks i18next for long text, objects, many parameters or more arguments', () => {
    const { instance, lookups } = countedInstance()
    const t = translatorFor(instance, 'en')
    const long = 'a'.repeat(200)
    for (let i = 0; i < 2; i++) {
      t('console:queue.claimedBy', { name: long })
      t('console:queue.claimedBy', { name: { first: 'Ana' } } as never)
      t('console:queue.claimedBy', { a: 1, b: 2, c: 3, d: 4, e: 5 } as never)
      t('console:queue.heading', 'default value' as never, {} as never)
    }
    expect(lookups).toHaveLength(8)
  })

  it('forgets what it kept once it holds its bound, and still answers right', () => {
    const { instance, lookups } = countedInstance()
    const t = translatorFor(instance, 'en')
    for (let i = 0; i < rememberedSentences; i++) t('console:duration.minutes', { count: i })
    expect(lookups).toHaveLength(rememberedSentences)
    t('console:duration.minutes', { count: 0 })
    expect(lookups).toHaveLength(rememberedSentences) // still kept
    t('console:duration.minutes', { count: rememberedSentences }) // one more: the memory starts again
    t('console:duration.minutes', { count: 0 })
    expect(lookups).toHaveLength(rememberedSentences + 2)
    expect(t('console:duration.minutes', { count: 5 })).toBe(reference.getFixedT('en')('console:duration.minutes', { count: 5 }))
  })
})
