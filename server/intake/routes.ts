import { createHash, timingSafeEqual } from 'node:crypto'

import express, { type NextFunction, type Request, type Response, Router } from 'express'

import type { AppDependencies } from '../app'
import type { IntakeResult } from './intakeService'

// The intake API: the agency's case system sends documents here, with the bearer token of its source. Mounted
// before sessions and CSRF: a token, never a parent's or a representative's session, says who is sending. A request
// without a valid token is refused with 401 before anything is read, and a source past its rate limit with 429.
// POST /intake/v1/documents takes one document, or { "documents": [ … ] } (up to 500), each taken or refused on its
// own, and answers what became of each.

export const intakePaths = { mount: '/intake/v1', documents: '/intake/v1/documents' } as const

const maxDocuments = 500

const digestOf = (token: string) => createHash('sha256').update(token).digest()

export function intakeRoutes(deps: AppDependencies): Router {
  const { services, logger } = deps
  const sources = deps.config.intakeSources.map((s) => ({ source: s.source, digest: digestOf(s.token) }))
  const router = Router()

  // Every token is compared, in constant time, whichever matches: the answer time says nothing about any of them.
  const sourceOf = (req: Request): string | null => {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(req.header('authorization') ?? '')
    if (!match) return null
    const offered = digestOf(match[1]!)
    let found: string | null = null
    for (const candidate of sources) if (timingSafeEqual(candidate.digest, offered)) found = candidate.source
    return found
  }

  router.use((req: Request, res: Response, next: NextFunction) => {
    const source = sourceOf(req)
    if (!source) {
      logger.warn({ path: req.path }, 'intake request refused: no valid token')
      res.status(401).set('WWW-Authenticate', 'Bearer realm="intake"').json({ error: 'a valid bearer token is required' })
      return
    }
    res.locals.intakeSource = source
    next()
  })
  // Counted per source in the shared store (one atomic increment each), before the body is read: a source that floods
  // the API is told to wait, with 429 and Retry-After, and nothing it sent past its limit is written.
  router.use(async (_req: Request, res: Response, next: NextFunction) => {
    const verdict = await services.attemptLimits.attempt([{ limit: 'intakeSource', key: `intake:${res.locals.intakeSource as string}` }])
    if (verdict.allowed) return next()
    logger.warn({ source: res.locals.intakeSource }, 'intake request refused: over the rate limit')
    res.status(429).set('Retry-After', String(verdict.retryAfterSeconds)).json({ error: 'too many requests', retryAfterSeconds: verdict.retryAfterSeconds })
  })
  router.use(express.json({ limit: '1mb', strict: true }))

  router.post(intakePaths.documents.slice(intakePaths.mount.length), async (req, res, next) => {
    try {
      const body: unknown = req.body
      const batch = body !== null && typeof body === 'object' && 'documents' in body ? (body as { documents: unknown }).documents : null
      if (batch !== null && (!Array.isArray(batch) || batch.length === 0 || batch.length > maxDocuments)) {
        res.status(400).json({ error: `documents: a list of 1 to ${maxDocuments} documents` })
        return
      }
      const documents = batch ?? [body]
      const results: IntakeResult[] = []
      for (const document of documents) results.push(await services.intake.take(res.locals.intakeSource as string, document))
      const count = (outcome: IntakeResult['outcome']) => results.filter((r) => r.outcome === outcome).length
      const summary = { taken: count('taken'), unchanged: count('unchanged'), refused: count('refused') }
      logger.info({ source: res.locals.intakeSource, ...summary }, 'intake documents received')
      // One document refused on its own is the client's error; a batch reports each line, whatever became of it.
      res.status(batch === null && summary.refused === 1 ? 422 : 200).json({ ...summary, results })
    } catch (error) {
      next(error)
    }
  })

  // A body that is not JSON, or too large: said in JSON, as the rest of this API speaks.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown; type?: unknown }).status
    if (status === 400 || status === 413) {
      res.status(status).json({ error: status === 413 ? 'the request is larger than 1 MB' : 'the body is not valid JSON' })
      return
    }
    next(error)
  })

  return router
}
