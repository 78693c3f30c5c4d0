import fs from 'node:fs'
import path from 'node:path'

import * as fontkit from 'fontkit'

import { projectRoot } from '../../server/config'
import { uswdsDist } from '../../server/middleware/assetUrls'
import { fontGlyphRanges, fontGlyphText, isInFontGlyphs } from '../../tools/assets/fontGlyphs'

// Our fonts are cut down to Latin and Spanish (tools/assets/fontGlyphs.ts). Every character a page can show must be
// in that set, or it is drawn in another font; and every font must still hold each of those characters its USWDS
// original has.

function filesUnder(folder: string, extension: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    return entry.isDirectory() ? filesUnder(full, extension) : full.endsWith(extension) ? [full] : []
  })
}

const outside = (text: string) => [...new Set([...text].filter((c) => !isInFontGlyphs(c) && c !== '\n' && c !== '\r' && c !== '\t'))]

describe('the characters our fonts keep', () => {
  it('hold every character of the locales and the views, in both languages', () => {
    const files = [...filesUnder(path.join(projectRoot, 'locales'), '.json'), ...filesUnder(path.join(projectRoot, 'views'), '.hbs')]
    expect(files.length).toBeGreaterThan(20)
    const text = files.map((file) => fs.readFileSync(file, 'utf8')).join('')
    expect(text).toMatch(/[áéíóúñ¿]/)
    expect(outside(text)).toEqual([])
  })

  it('hold what Intl writes for dates, times and money in English and Spanish', () => {
    const moment = new Date(Date.UTC(2026, 11, 1, 21, 5))
    const text = ['en-US', 'es-US'].flatMap((locale) => [
      new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'America/Los_Angeles' }).format(moment),
      new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' }).format(moment),
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(-1234567.89),
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(0.705),
    ]).join(' ')
    expect(outside(text)).toEqual([])
  })

  it('leave no character out of a built font that its USWDS original draws', () => {
    const builtFonts = filesUnder(path.join(projectRoot, 'views', 'assets', 'fonts'), '.woff2')
    expect(builtFonts.length).toBeGreaterThanOrEqual(4)
    for (const file of builtFonts) {
      const relative = path.relative(path.join(projectRoot, 'views', 'assets', 'fonts'), file)
      const built = fontkit.create(fs.readFileSync(file)) as fontkit.Font
      const original = fontkit.create(fs.readFileSync(path.join(uswdsDist, 'fonts', relative))) as fontkit.Font
      const lost = [...fontGlyphText()].filter((c) => original.hasGlyphForCodePoint(c.codePointAt(0)!) && !built.hasGlyphForCodePoint(c.codePointAt(0)!))
      expect({ font: relative, lost }).toEqual({ font: relative, lost: [] })
      // And it is a subset: smaller than the original, with glyphs for nothing far outside the ranges.
      expect(built.numGlyphs).toBeLessThan(original.numGlyphs)
      expect(built.hasGlyphForCodePoint(0x0416)).toBe(false) // Cyrillic Zhe
    }
  })

  it('are ranges in order, without overlaps', () => {
    for (let i = 1; i < fontGlyphRanges.length; i++) expect(fontGlyphRanges[i]![0]).toBeGreaterThan(fontGlyphRanges[i - 1]![1])
    expect(isInFontGlyphs('ñ')).toBe(true)
    expect(isInFontGlyphs('→')).toBe(false)
  })
})
