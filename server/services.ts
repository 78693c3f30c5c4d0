import { createAuditService } from './audit/auditService'
import { createCallbackService } from './callbacks/callbackService'
import { createCallService } from './calls/callService'
import { createCaseInquiryService } from './cases/caseInquiryService'
import { createStaffCaseDirectory } from './cases/staffCaseDirectory'
import type { Clock } from './clock'
import type { Config } from './config'
import type { DatabaseHandle } from './db/connection'
import { createContactDetailsService } from './identity/contactDetails'
import { createIdentityService } from './identity/identityService'

// Data access → domain services → channels. Channels receive `Services` and never the database.
export function createServices(deps: { database: DatabaseHandle; config: Config; clock: Clock }) {
  const { db } = deps.database
  return {
    identity: createIdentityService({ db, clock: deps.clock }),
    calls: createCallService({ db, clock: deps.clock }),
    callbacks: createCallbackService(deps),
    contactDetails: createContactDetailsService({ db, clock: deps.clock }),
    cases: createCaseInquiryService({ db, clock: deps.clock }),
    staffDirectory: createStaffCaseDirectory({ db, clock: deps.clock }),
    audit: createAuditService({ db, clock: deps.clock }),
  }
}

export type Services = ReturnType<typeof createServices>
