import { createHash, timingSafeEqual } from 'node:crypto'

import { type Request, Router } from 'express'
import type { Registry } from 'prom-client'

import type { DatabaseHandle } from '../db/connection'

// First in the chain, so that probes never make sessions or hit the language or CSRF layers. The two probes answer
// anyone (they say nothing but up or down); the metrics name routes and counts, so they need a bearer token, and
// without a configured token they are not served at all.

/** Whether the request carries `Authorization: Bearer <token>`; compared in constant time over equal-length digests. */
function bearerMatches(req: Request, token: string): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(req.get('Authorization') ?? '')
  if (!match) return false
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(match[1]!), digest(token))
}

// /healthz touches nothing but the process; /readyz asks the database, and gives up after `readinessMs`.
export function setUpHealthChecks(
  database: DatabaseHandle,
  metrics: Registry,
  metricsToken: string | null,
  readinessMs: number,
): Router {
  const router = Router()

  router.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok')
  })

  router.get('/readyz', async (_req, res) => {
    try {
      await database.ping(readinessMs)
      res.type('text/plain').send('ready')
    } catch {
      res.status(503).type('text/plain').send('database unavailable')
    }
  })

  router.get('/metrics', async (req, res) => {
    if (!metricsToken) return res.status(404).type('text/plain').send('Not found')
    if (!bearerMatches(req, metricsToken)) {
      return res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('Unauthorized')
    }
    res.type(metrics.contentType).send(await metrics.metrics())
  })

  return router
}
