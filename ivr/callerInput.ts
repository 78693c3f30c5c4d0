// What the caller did at a prompt, from Twilio's Gather parameters: keys pressed, words said, or nothing.
// Speech is matched against short phrase lists from the locale files, without accents or case, so "español",
// "Espanol" and "ESPAÑOL" all count.

export type CallerInput =
  | { kind: 'none' }
  | { kind: 'keys'; digits: string }
  | { kind: 'speech'; text: string }

export function callerInputFrom(body: Record<string, unknown>): CallerInput {
  const digits = typeof body.Digits === 'string' ? body.Digits.trim() : ''
  if (digits && /^[0-9*#]+$/.test(digits)) return { kind: 'keys', digits }
  const speech = typeof body.SpeechResult === 'string' ? body.SpeechResult.trim() : ''
  if (speech) return { kind: 'speech', text: speech.slice(0, 200) }
  // Anything else keyed (Twilio sends only 0-9, * and #) is treated as not heard rather than trusted.
  return { kind: 'none' }
}

export function plainWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** "balance, how much, owe" → ['balance', 'how much', 'owe']: the phrase lists in locales are comma-separated. */
export function phrasesOf(list: string): string[] {
  return list.split(',').map(plainWords).filter(Boolean)
}

/** Whether what the caller said contains one of the phrases as whole words. */
export function saidAnyOf(text: string, phrases: readonly string[]): boolean {
  const said = ` ${plainWords(text)} `
  return phrases.some((phrase) => said.includes(` ${phrase} `))
}

/**
 * Digits from keys or from speech ("4 0 1 0", "4010-0001"). Number words are left to the recognizer, which
 * writes spoken digits as numerals for a Gather with hints, so a word that is not a digit means "not a number".
 */
export function digitsFrom(input: CallerInput): string | null {
  if (input.kind === 'keys') return /^\d+$/.test(input.digits) ? input.digits : null
  if (input.kind === 'speech') {
    const compact = input.text.replace(/[\s.,-]/g, '')
    return /^\d+$/.test(compact) ? compact : null
  }
  return null
}
