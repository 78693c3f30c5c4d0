import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../config'

// Every asset a page links to carries a fingerprint of its content (`?v=<hash>`), so browsers may keep it for a year
// without asking again, and a changed file is a new URL. Fingerprints are worked out once per file per process.

export const uswdsDist = path.join(projectRoot, 'node_modules', '@uswds', 'uswds', 'dist')
export const ownAssets = path.join(projectRoot, 'views', 'assets')

/** The file behind a public /assets path, or null for a path outside the asset folders. */
export function assetFile(publicPath: string): string | null {
  const [root, relative] = publicPath.startsWith('/assets/uswds/')
    ? [uswdsDist, publicPath.slice('/assets/uswds/'.length)]
    : publicPath.startsWith('/assets/')
      ? [ownAssets, publicPath.slice('/assets/'.length)]
      : [null, '']
  if (root === null) return null
  const file = path.resolve(root, relative)
  return file.startsWith(root + path.sep) ? file : null
}

const fingerprints = new Map<string, string>()

/** The fingerprint of a file's content; the stylesheet build (tools/assets) writes the same into the url()s it fingerprints. */
export function contentFingerprint(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 12)
}

export function fingerprintOf(publicPath: string): string | null {
  let fingerprint = fingerprints.get(publicPath)
  if (fingerprint === undefined) {
    const file = assetFile(publicPath)
    if (!file || !fs.existsSync(file)) return null
    fingerprint = contentFingerprint(fs.readFileSync(file))
    fingerprints.set(publicPath, fingerprint)
  }
  return fingerprint
}

/** `/assets/css/app.css` → `/assets/css/app.css?v=3f2a…`; a path with no file behind it is returned as it is. */
export function assetUrl(publicPath: string): string {
  const fingerprint = fingerprintOf(publicPath)
  return fingerprint ? `${publicPath}?v=${fingerprint}` : publicPath
}
