import fs from 'node:fs'
import path from 'node:path'

import express, { type NextFunction, type Request, type Response, Router } from 'express'

import { precompressedFile, preferredEncoding } from '../staticAssets/precompressedAssets'
import { fingerprintOf, ownAssets, uswdsDist } from './assetUrls'

const oneYearSeconds = 365 * 24 * 60 * 60
const faviconPath = '/assets/uswds/img/favicons/favicon.ico'

// USWDS and our own assets, served from our origin (no third-party CDN). An asset asked for by its fingerprinted URL
// (assetUrls.ts; the built stylesheet names its fonts and icons so too) is kept for a year, unchanged; any other for a
// day, then revalidated by its ETag. USWDS's own stylesheet and fonts are not served: ours are built from its Sass
// with only what the views use (views/stylesheets/uswds.scss, `npm run assets`). A file compressed at build time
// (server/staticAssets) is sent as it is; any other is compressed on the fly by the compression middleware.
export function setUpStaticResources(): Router {
  const router = Router()
  router.use('/assets', cachingByFingerprint)
  router.use('/assets', (req, res, next) => sendPrecompressed(req.baseUrl + req.path, req, res, next))
  const options = { index: false, fallthrough: true, cacheControl: false }
  for (const folder of ['js', 'img']) {
    router.use(`/assets/uswds/${folder}`, express.static(path.join(uswdsDist, folder), options))
  }
  router.use('/assets', express.static(ownAssets, options))
  // Browsers ask for /favicon.ico on every site whatever the page says; the USWDS one, cached like an asset.
  router.get('/favicon.ico', (req, res, next) => {
    res.set('Cache-Control', `public, max-age=${24 * 60 * 60}`)
    sendPrecompressed(faviconPath, req, res, () => res.sendFile(path.join(uswdsDist, 'img', 'favicons', 'favicon.ico'), (error) => error && next(error)))
  })
  return router
}

function cachingByFingerprint(req: Request, res: Response, next: NextFunction) {
  const asked = typeof req.query.v === 'string' ? req.query.v : null
  const current = asked === null ? null : fingerprintOf(req.baseUrl + req.path)
  res.set('Cache-Control', asked !== null && asked === current ? `public, max-age=${oneYearSeconds}, immutable` : 'public, max-age=86400')
  next()
}

// Whether each compressed copy exists, learnt once per process: dist/ does not change under a running server, and a
// rebuilt file has a new fingerprint, so a new name.
const existing = new Map<string, boolean>()

function sendPrecompressed(publicPath: string, req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next()
  const fingerprint = fingerprintOf(publicPath)
  const encoding = fingerprint ? preferredEncoding(req.headers['accept-encoding']) : null
  const file = fingerprint && encoding ? precompressedFile(publicPath, fingerprint, encoding) : null
  if (!file) return next()
  let found = existing.get(file)
  if (found === undefined) {
    found = fs.existsSync(file)
    existing.set(file, found)
  }
  // The answer depends on Accept-Encoding whichever copy is sent, so caches must keep them apart.
  res.vary('Accept-Encoding')
  if (!found) return next()
  res.set('Content-Encoding', encoding!)
  res.type(path.posix.extname(publicPath))
  res.sendFile(file, { cacheControl: false }, (error?: NodeJS.ErrnoException) => {
    if (!error || res.headersSent) return
    res.removeHeader('Content-Encoding')
    // Removed since we looked (a rebuild under a running server): send the file itself.
    if (error.code === 'ENOENT') existing.set(file, false)
    next(error.code === 'ENOENT' ? undefined : error)
  })
}
