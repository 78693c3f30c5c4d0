import type { Clock } from './clock'
import type { Config } from './config'
import type { DatabaseHandle } from './db/connection'

// Data access → domain services → channels. Channels receive `Services` and never the database.
export function createServices(_deps: { database: DatabaseHandle; config: Config; clock: Clock }) {
  return {}
}

export type Services = ReturnType<typeof createServices>
