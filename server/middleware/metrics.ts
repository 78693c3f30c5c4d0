import type { NextFunction, Request, Response } from 'express'
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/** One registry per app, so that several apps in one test process never share counters. */
export function createMetricsRegistry(): { registry: Registry; httpDuration: Histogram } {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  return { registry, httpDuration }
}

export function measureRequests(httpDuration: Histogram) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = httpDuration.startTimer()
    res.on('finish', () => {
      // The matched route pattern, never the raw URL: IDs in paths would explode the label set.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched'
      stop({ method: req.method, route, status: String(res.statusCode) })
    })
    next()
  }
}
