import path from 'node:path'

import express, { Router } from 'express'

import { projectRoot } from '../config'

// USWDS and our own assets, served from our origin (no third-party CDN), cached for a day.
export function setUpStaticResources(): Router {
  const router = Router()
  const options = { maxAge: '1d', index: false, fallthrough: true }
  const uswds = path.join(projectRoot, 'node_modules', '@uswds', 'uswds', 'dist')
  for (const folder of ['css', 'js', 'fonts', 'img']) {
    router.use(`/assets/uswds/${folder}`, express.static(path.join(uswds, folder), options))
  }
  router.use('/assets', express.static(path.join(projectRoot, 'views', 'assets'), options))
  return router
}
