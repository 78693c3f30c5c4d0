import { Router } from 'express'
import session from 'express-session'
import type { Kysely } from 'kysely'

import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Database } from '../db/schema'
import { DatabaseSessionStore } from '../db/sessionStore'

/** Idle timeout: a signed-in parent who does nothing for this long is signed out (DESIGN.md §5). */
export const sessionIdleMs = 15 * 60 * 1000

export function setUpWebSession(config: Config, db: Kysely<Database>, clock: Clock): Router {
  const router = Router()
  router.use(
    session({
      name: config.production ? '__Host-session' : 'session',
      secret: config.sessionSecret,
      store: new DatabaseSessionStore(db, clock),
      resave: false,
      // No row for a visitor who has done nothing that needs one.
      saveUninitialized: false,
      rolling: true,
      proxy: config.production,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.production,
        maxAge: sessionIdleMs,
        path: '/',
      },
    }),
  )
  return router
}
