// The reference a parent writes down or reads to a representative. Six characters from an alphabet without the
// look-alikes 0/O, 1/I/L, 2/Z, 5/S and 8/B, and without U (as in Crockford's Base32, to keep accidental words
// out). 24 symbols, 6 places: about 191 million codes, so a collision is rare and simply retried, and a guess
// at someone's code almost never lands.
import { randomInt } from 'node:crypto'

export const confirmationCodeAlphabet = '34679ACDEFGHJKMNPQRTVWXY'
export const confirmationCodeLength = 6

/** Returns a whole number in [0, max); injected so that tests can force collisions. */
export type RandomIndex = (max: number) => number

export const secureRandomIndex: RandomIndex = (max) => randomInt(max)

export function generateConfirmationCode(random: RandomIndex = secureRandomIndex): string {
  let code = ''
  for (let i = 0; i < confirmationCodeLength; i++) code += confirmationCodeAlphabet[random(confirmationCodeAlphabet.length)]
  return code
}

const codePattern = new RegExp(`^[${confirmationCodeAlphabet}]{${confirmationCodeLength}}$`)

/**
 * What a person typed, as a code: case and spaces or dashes ignored ("k7m-4pq" → "K7M4PQ"). Returns null when it
 * cannot be a code, so a look-alike the alphabet leaves out is refused rather than guessed at.
 */
export function normalizeConfirmationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  return codePattern.test(code) ? code : null
}

/** The code in two groups of three ("K7M 4PQ"), the way it is printed and read aloud. */
export function groupedConfirmationCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`
}
