import path from 'node:path'

import express, { type NextFunction, type Request, type Response, Router } from 'express'

import { fingerprintOf, ownAssets, uswdsDist } from './assetUrls'

const oneYearSeconds = 365 * 24 * 60 * 60

// USWDS and our own assets, served from our origin (no third-party CDN). An asset asked for by its fingerprinted URL
// (assetUrls.ts; the built stylesheet names its fonts and icons so too) is kept for a year, unchanged; any other for a
// day, then revalidated by its ETag. USWDS's own stylesheet and fonts are not served: ours are built from its Sass
// with only what the views use (views/stylesheets/uswds.scss, `npm run assets`).
export function setUpStaticResources(): Router {
  const router = Router()
  router.use('/assets', cachingByFingerprint)
  const options = { index: false, fallthrough: true, cacheControl: false }
  for (const folder of ['js', 'img']) {
    router.use(`/assets/uswds/${folder}`, express.static(path.join(uswdsDist, folder), options))
  }
  router.use('/assets', express.static(ownAssets, options))
  // Browsers ask for /favicon.ico on every site whatever the page says; the USWDS one, cached like an asset.
  router.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', `public, max-age=${24 * 60 * 60}`)
    res.sendFile(path.join(uswdsDist, 'img', 'favicons', 'favicon.ico'))
  })
  return router
}

function cachingByFingerprint(req: Request, res: Response, next: NextFunction) {
  const asked = typeof req.query.v === 'string' ? req.query.v : null
  const current = asked === null ? null : fingerprintOf(req.baseUrl + req.path)
  res.set('Cache-Control', asked !== null && asked === current ? `public, max-age=${oneYearSeconds}, immutable` : 'public, max-age=86400')
  next()
}
