import type { Clock } from './clock'
import type { Config } from './config'
import type { DatabaseHandle } from './db/connection'
import { createIdentityService } from './identity/identityService'

// Data access → domain services → channels. Channels receive `Services` and never the database.
export function createServices(deps: { database: DatabaseHandle; config: Config; clock: Clock }) {
  const { db } = deps.database
  return {
    identity: createIdentityService({ db, clock: deps.clock }),
  }
}

export type Services = ReturnType<typeof createServices>
