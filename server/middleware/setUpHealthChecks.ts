import { Router } from 'express'
import type { Registry } from 'prom-client'

import type { DatabaseHandle } from '../db/connection'

// First in the chain, so that probes never make sessions or hit the language or CSRF layers.
export function setUpHealthChecks(database: DatabaseHandle, metrics: Registry): Router {
  const router = Router()

  router.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok')
  })

  router.get('/readyz', async (_req, res) => {
    try {
      await database.ping()
      res.type('text/plain').send('ready')
    } catch {
      res.status(503).type('text/plain').send('database unavailable')
    }
  })

  router.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics())
  })

  return router
}
