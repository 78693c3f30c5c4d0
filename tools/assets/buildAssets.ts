import fs from 'node:fs'
import path from 'node:path'
import { posix } from 'node:path'

import * as sass from 'sass'
import subsetFont from 'subset-font'

import { projectRoot } from '../../server/config'
import { assetFile, contentFingerprint, ownAssets } from '../../server/middleware/assetUrls'
import { fontGlyphText } from './fontGlyphs'

// The USWDS stylesheet with only the components our views use, and the fonts it names cut down to the characters we
// write. Both are committed (views/assets/css/uswds.min.css, views/assets/fonts/): the app then needs neither Sass nor
// a build step to start, and `npm run assets` regenerates them. Built in memory here so that a test can compare the
// committed files with a fresh build and fail when they are stale.

const uswdsPackage = path.join(projectRoot, 'node_modules', '@uswds', 'uswds')
export const stylesheetSource = path.join(projectRoot, 'views', 'stylesheets', 'uswds.scss')
export const stylesheetPublicPath = '/assets/css/uswds.min.css'
export const builtFontsFolder = path.join(ownAssets, 'fonts')

// The OpenType features a browser applies by default (kerning, ligatures, contextual forms, marks), and the figure
// styles CSS can ask for; the fonts' other features (small capitals, alternates, fractions) pull in glyphs we never show.
const keptFontFeatures = ['kern', 'liga', 'clig', 'calt', 'ccmp', 'locl', 'mark', 'mkmk', 'rlig', 'tnum', 'lnum', 'pnum']

export interface BuiltAsset {
  /** Absolute path of the file in views/assets. */
  file: string
  content: Buffer
}

function compileStylesheet(): string {
  const result = sass.compile(stylesheetSource, {
    loadPaths: [path.join(uswdsPackage, 'packages')],
    style: 'compressed',
    // No byte-order mark: our header comment comes first, and the file is served as UTF-8 (Content-Type says so).
    charset: false,
    // USWDS's own deprecation warnings, not ours to fix.
    quietDeps: true,
  })
  return result.css
}

const urlPattern = /url\((["']?)([^)"']+)\1\)/g

/** Every url() of the stylesheet, as the public path it resolves to from where the stylesheet is served. */
function referencedPaths(css: string): string[] {
  const found = new Set<string>()
  for (const match of css.matchAll(urlPattern)) {
    const url = match[2]!
    if (/^(data:|[a-z]+:\/\/|#)/i.test(url)) continue
    found.add(posix.resolve(posix.dirname(stylesheetPublicPath), url))
  }
  return [...found]
}

/** A USWDS font, cut to our characters and features, without hinting (Google Fonts serves its fonts so too). */
async function subsetOfUswdsFont(relativePath: string): Promise<Buffer> {
  const original = fs.readFileSync(path.join(uswdsPackage, 'dist', 'fonts', relativePath))
  return subsetFont(original, fontGlyphText(), { targetFormat: 'woff2', keepFeatures: keptFontFeatures, noHinting: true })
}

export async function buildAssets(): Promise<BuiltAsset[]> {
  let css = compileStylesheet()
  const fonts: BuiltAsset[] = []
  const fingerprints = new Map<string, string>()
  for (const publicPath of referencedPaths(css)) {
    if (publicPath.startsWith('/assets/fonts/')) {
      const relative = publicPath.slice('/assets/fonts/'.length)
      const content = await subsetOfUswdsFont(relative)
      fonts.push({ file: path.join(builtFontsFolder, ...relative.split('/')), content })
      fingerprints.set(publicPath, contentFingerprint(content))
    } else {
      const file = assetFile(publicPath)
      if (!file || !fs.existsSync(file)) throw new Error(`the stylesheet names ${publicPath}, which the app does not serve`)
      fingerprints.set(publicPath, contentFingerprint(fs.readFileSync(file)))
    }
  }
  // Each url() carries its file's fingerprint, as the pages' links do: fonts and icons are then kept a year, and a
  // <link rel=preload> of a font (same URL) is the request the stylesheet makes.
  css = css.replace(urlPattern, (whole, _quote: string, url: string) => {
    const fingerprint = fingerprints.get(posix.resolve(posix.dirname(stylesheetPublicPath), url))
    return fingerprint ? `url(${url}?v=${fingerprint})` : whole
  })
  const uswdsVersion = (JSON.parse(fs.readFileSync(path.join(uswdsPackage, 'package.json'), 'utf8')) as { version: string }).version
  const header = `/*! USWDS ${uswdsVersion}, only the parts our views use: built by \`npm run assets\` from views/stylesheets/uswds.scss. Do not edit. */\n`
  return [{ file: path.join(ownAssets, ...stylesheetPublicPath.slice('/assets/'.length).split('/')), content: Buffer.from(header + css + '\n') }, ...fonts]
}

/** Files under views/assets/fonts that no build wrote: left from an earlier build. */
export function leftoverFonts(built: readonly BuiltAsset[]): string[] {
  const wanted = new Set(built.map((asset) => asset.file))
  const found: string[] = []
  const walk = (folder: string) => {
    if (!fs.existsSync(folder)) return
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (!wanted.has(full)) found.push(full)
    }
  }
  walk(builtFontsFolder)
  return found
}
