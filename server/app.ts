import compression from 'compression'
import cookieParser from 'cookie-parser'
import express, { type Express, type Request, type Response } from 'express'
import type { i18n } from 'i18next'

import { ivrApology } from '../ivr/apology'
import { ivrRoutes } from '../ivr/routes'
import { textWebhookPaths } from './alerts/paths'
import { textWebhookRoutes } from './alerts/textWebhooks'
import { intakePaths, intakeRoutes } from './intake/routes'
import type { Clock } from './clock'
import type { Config } from './config'
import { consoleRoutes } from './console/routes'
import type { DatabaseHandle } from './db/connection'
import type { Logger } from './logger'
import { compressWholeBodies } from './middleware/compressWholeBodies'
import { errorHandler, notFound } from './middleware/errorHandling'
import { answerOutage } from './middleware/outage'
import { requestDeadline } from './middleware/requestDeadline'
import { createMetricsRegistry, measureRequests } from './middleware/metrics'
import { requestLogging } from './middleware/requestLogging'
import { setUpCsrf } from './middleware/setUpCsrf'
import { setUpHealthChecks } from './middleware/setUpHealthChecks'
import { setUpLanguage } from './middleware/setUpLanguage'
import { setUpStaticResources } from './middleware/setUpStaticResources'
import { setUpWebSecurity } from './middleware/setUpWebSecurity'
import { setUpWebSession } from './middleware/setUpWebSession'
import { pagesRevalidated } from './middleware/pageCaching'
import { bodyWithoutNulCharacters, queryWithoutNulCharacters } from './middleware/withoutNulCharacters'
import { isUploadPath } from './portal/paths'
import { portalRoutes } from './portal/routes'
import type { Services } from './services'
import { setUpTemplates } from './templates'

export interface AppDependencies {
  config: Config
  database: DatabaseHandle
  logger: Logger
  clock: Clock
  i18n: i18n
  services: Services
}

/** The whole web application as an ordered list of steps; it does no I/O until a request arrives. */
export function createApp(deps: AppDependencies): Express {
  const { config, database, logger, clock } = deps
  const app = express()
  const metrics = createMetricsRegistry()

  app.disable('x-powered-by')
  app.set('trust proxy', config.production ? 1 : false)
  app.set('query parser', queryWithoutNulCharacters)
  setUpTemplates(app)

  app.use(setUpHealthChecks(database, metrics.registry, config.metricsToken, config.deadlines.readinessMs))
  app.use(requestLogging(logger))
  app.use(measureRequests(metrics.httpDuration))
  app.use(requestDeadline(config.deadlines.requestMs, logger, (req, res) => answerLate(req, res, deps)))
  app.use(setUpWebSecurity(config.production))
  // Brotli or gzip, as the browser asks, for pages and assets alike: a whole body (a page, TwiML) in one call,
  // anything written in parts through the streaming middleware.
  app.use(compression())
  app.use(compressWholeBodies)
  app.use(setUpStaticResources())
  app.use(pagesRevalidated)
  app.use(express.urlencoded({ extended: false, limit: '32kb' }))
  app.use(bodyWithoutNulCharacters)
  app.use('/ivr', ivrRoutes(deps))
  app.use(textWebhookPaths.mount, textWebhookRoutes(deps))
  app.use(intakePaths.mount, intakeRoutes(deps))
  app.use(cookieParser())
  app.use(setUpLanguage(deps.i18n, config.production))
  app.use(setUpWebSession(config, database.db, clock))
  // Again inside the session, whose own end writes the body in two parts whenever it saves or touches the session
  // (every signed-in page): compressed here first, the body reaches it already encoded and is passed through.
  app.use(compressWholeBodies)
  app.use(setUpCsrf(isUploadPath))

  app.use(consoleRoutes(deps))
  app.use(portalRoutes(deps))

  app.use(notFound)
  app.use(errorHandler(logger, config.production, config.agency.phoneNumber))
  return app
}

/** A request past its deadline: the phone line apologises in TwiML, the web answers the outage page. */
function answerLate(req: Request, res: Response, deps: AppDependencies): void {
  // originalUrl: inside a mounted router req.path has lost its /ivr prefix.
  if (req.originalUrl.startsWith('/ivr/')) {
    res.status(200).type('text/xml').send(ivrApology(deps.i18n, null))
    return
  }
  answerOutage(req, res, deps.config.agency.phoneNumber)
}
