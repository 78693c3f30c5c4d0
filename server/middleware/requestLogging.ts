import pinoHttp from 'pino-http'

import type { Logger } from '../logger'

// One line per request. The URL is logged without its query string, and bodies are never logged, so
// nothing a caller keys in (PIN, PAR ID) or a parent types can reach the log.
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    serializers: {
      req: (req: { method: string; url: string; id: unknown }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
  })
}
