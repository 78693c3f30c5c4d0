// The characters our fonts keep: Latin (ASCII and Latin-1, which hold every Spanish letter and mark: á é í ó ú ü ñ ¿ ¡
// « » and the no-break space) and the punctuation our sentences and Intl's formats use (dashes, curly quotes, the
// ellipsis, the no-break hyphen of phone numbers, the narrow no-break space Intl puts before "AM"). A character
// outside these falls back to the system font; test/assets/fontGlyphs.test.ts holds every locale and view to them.

export const fontGlyphRanges: ReadonlyArray<readonly [first: number, last: number]> = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1 Supplement
  [0x2010, 0x2027], // hyphens, dashes, quotes, bullet, ellipsis
  [0x202f, 0x202f], // narrow no-break space
  [0x2030, 0x203a], // per mille, primes, single guillemets
  [0x20ac, 0x20ac], // euro sign
  [0x2122, 0x2122], // trade mark sign
]

export function isInFontGlyphs(character: string): boolean {
  const code = character.codePointAt(0) ?? -1
  return fontGlyphRanges.some(([first, last]) => code >= first && code <= last)
}

/** Every character of the ranges, as the text a font is subset to. */
export function fontGlyphText(): string {
  let text = ''
  for (const [first, last] of fontGlyphRanges) {
    for (let code = first; code <= last; code++) text += String.fromCodePoint(code)
  }
  return text
}
