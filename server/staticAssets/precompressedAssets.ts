import fs from 'node:fs'
import path from 'node:path'
import { posix } from 'node:path'
import zlib from 'node:zlib'

import { projectRoot } from '../config'
import { assetFile, contentFingerprint, ownAssets } from '../middleware/assetUrls'

// Static files compressed once, at build time (`npm run build`), at the best brotli and gzip settings, rather than on
// every request at the fast settings the compression middleware must use. Each compressed file's name carries the
// fingerprint of the file it was made from, so a build older than the sources is never served: its names no longer
// match, and the file is compressed on the fly as before.

export const precompressedRoot = path.join(projectRoot, 'dist', 'precompressed')

export type StaticEncoding = 'br' | 'gzip'
const suffixOf: Record<StaticEncoding, string> = { br: 'br', gzip: 'gz' }

/** Text formats worth compressing; fonts (woff2) and raster images are compressed already. */
const compressible = new Set(['.css', '.js', '.svg', '.ico', '.json', '.txt'])

/** Where the compressed copy of a public path's current content lives (whether or not it was made). */
export function precompressedFile(publicPath: string, fingerprint: string, encoding: StaticEncoding): string | null {
  if (!publicPath.startsWith('/assets/') || posix.normalize(publicPath) !== publicPath || publicPath.includes('\\')) return null
  return path.join(precompressedRoot, ...publicPath.slice(1).split('/')) + `.${fingerprint}.${suffixOf[encoding]}`
}

/**
 * The encoding to send from what the browser accepts: brotli, else gzip; null for neither. A q-value of 0 refuses an
 * encoding; among those accepted we prefer brotli whatever the header's order (Chrome lists gzip first).
 */
export function preferredEncoding(acceptEncoding: string | undefined): StaticEncoding | null {
  if (!acceptEncoding) return null
  const quality = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    quality.set(name, q === undefined ? 1 : Number(q))
  }
  const accepts = (encoding: string) => (quality.get(encoding) ?? quality.get('*') ?? 0) > 0
  const br = accepts('br') ? (quality.get('br') ?? quality.get('*') ?? 0) : 0
  const gzip = accepts('gzip') ? (quality.get('gzip') ?? quality.get('*') ?? 0) : 0
  if (br > 0 && br >= gzip) return 'br'
  return gzip > 0 ? 'gzip' : null
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/**
 * The public paths worth precompressing: our own assets, the USWDS files the views link ({{asset "…"}}), and the
 * files our stylesheets name (url(…)). Not all of USWDS: its 2,400 images are not ours to serve compressed.
 */
export function assetsToPrecompress(): string[] {
  const found = new Set<string>()
  for (const file of filesUnder(ownAssets)) {
    found.add('/assets/' + path.relative(ownAssets, file).split(path.sep).join('/'))
  }
  for (const view of filesUnder(path.join(projectRoot, 'views')).filter((file) => file.endsWith('.hbs'))) {
    for (const [, linked] of fs.readFileSync(view, 'utf8').matchAll(/\{\{\{?asset "([^"]+)"/g)) found.add(linked!)
  }
  for (const sheet of [...found].filter((publicPath) => publicPath.endsWith('.css'))) {
    const css = fs.readFileSync(assetFile(sheet)!, 'utf8')
    for (const [, , url] of css.matchAll(/url\((["']?)([^)"'?#]+)[^)"']*\1\)/g)) {
      if (!/^(data:|[a-z]+:\/\/)/i.test(url!)) found.add(posix.resolve(posix.dirname(sheet), url!))
    }
  }
  return [...found].filter((publicPath) => compressible.has(posix.extname(publicPath)) && fs.existsSync(assetFile(publicPath) ?? '')).sort()
}

export interface Precompressed {
  publicPath: string
  bytes: number
  /** Bytes of each compressed copy written; an encoding is left out when it would not save anything. */
  written: Partial<Record<StaticEncoding, number>>
}

/** Compresses one public path's file at the best settings into precompressedRoot. */
export function precompress(publicPath: string): Precompressed {
  const content = fs.readFileSync(assetFile(publicPath)!)
  const fingerprint = contentFingerprint(content)
  const compressed: Record<StaticEncoding, Buffer> = {
    br: zlib.brotliCompressSync(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzip: zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
  }
  const written: Precompressed['written'] = {}
  for (const encoding of ['br', 'gzip'] as const) {
    if (compressed[encoding].length >= content.length) continue
    const file = precompressedFile(publicPath, fingerprint, encoding)!
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, compressed[encoding])
    written[encoding] = compressed[encoding].length
  }
  return { publicPath, bytes: content.length, written }
}
