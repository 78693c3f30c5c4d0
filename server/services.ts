import { outboundConnectPath } from '../ivr/paths'
import { alertOutbox } from './alerts/alertOutbox'
import { createAlertScheduler } from './alerts/alertScheduler'
import { createAlertSettings } from './alerts/alertSettings'
import { alertAdaptersFromConfig, configuredAlertChannels } from './alerts/channelsFromConfig'
import { createAuditService } from './audit/auditService'
import { createCaseAuditReport } from './audit/caseAuditReport'
import { createCallNowService, type OutboundCalls } from './callbacks/callNow'
import { createCallbackService } from './callbacks/callbackService'
import { createCallService } from './calls/callService'
import { createSignatureReplayStore } from './calls/signatureReplays'
import { createCaseInquiryService } from './cases/caseInquiryService'
import { createStaffCaseDirectory } from './cases/staffCaseDirectory'
import type { Clock } from './clock'
import type { Config } from './config'
import type { DatabaseHandle } from './db/connection'
import { createDocumentService } from './documents/documentService'
import { createDocumentStore } from './documents/documentStore'
import { createContactDetailsService } from './identity/contactDetails'
import { createIdentityService } from './identity/identityService'
import { createIntakeService } from './intake/intakeService'
import { createMessageService } from './messages/messageService'
import { createWorkQueue } from './queue/workQueue'
import { createAttemptLimits } from './rateLimits/attemptLimits'
import { outboundCallsFromConfig } from './telephony/twilioOutboundCalls'

// Data access → domain services → channels. Channels receive `Services` and never the database.
export function createServices(deps: {
  database: DatabaseHandle
  config: Config
  clock: Clock
  /** Tests pass their own; otherwise Twilio's REST API as configured, or null when it is not. */
  outboundCalls?: OutboundCalls | null
}) {
  const { db } = deps.database
  const { config } = deps
  // One pair of adapters for the process: the delivery worker sends alerts through them, the alerts page its codes.
  const alertAdapters = alertAdaptersFromConfig(config)
  const callbacks = createCallbackService({ ...deps, options: { alertChannels: configuredAlertChannels(config) } })
  // Written messages share the callbacks' service level, calendar and claim time: one queue of what parents wait on.
  const messages = createMessageService({
    db,
    dialect: deps.database.dialect,
    clock: deps.clock,
    serviceLevel: callbacks.serviceLevel,
    calendar: callbacks.calendar,
    claimMinutes: config.callbacks.claimMinutes,
    alertChannels: configuredAlertChannels(config),
  })
  return {
    attemptLimits: createAttemptLimits({ settings: config.rateLimits, db, native: deps.database.native, redisUrl: config.redisUrl }),
    identity: createIdentityService({ db, clock: deps.clock, alertChannels: configuredAlertChannels(config) }),
    alertOutbox: alertOutbox(db, deps.database.dialect),
    alertSettings: createAlertSettings({ db, clock: deps.clock, channels: configuredAlertChannels(config) }),
    alertAdapters,
    /** The time-based alerts (payment due, no payment by the 20th, a hearing coming up), scanned for on the agency calendar. */
    alertScheduler: createAlertScheduler({ db, clock: deps.clock, calendar: callbacks.calendar, channels: configuredAlertChannels(config) }),
    intake: createIntakeService({ db, clock: deps.clock, alertChannels: configuredAlertChannels(config), ssnHmacKey: config.ssnHmacKey }),
    // The calls' figures take their periods on the callbacks' calendar, so both count the same agency days.
    calls: createCallService({ db, clock: deps.clock, calendar: callbacks.calendar }),
    /** Signed phone webhooks already answered: a second request with the same signature is a replay. */
    signatureReplays: createSignatureReplayStore({ db, clock: deps.clock }),
    callbacks,
    messages,
    /** Documents parents send with a message or in answer to a request: checked, kept, read and reviewed. */
    documents: createDocumentService({ db, clock: deps.clock, store: createDocumentStore(config.documentsDirectory) }),
    /** Callbacks and messages as one queue: one list, one "take the next one". */
    queue: createWorkQueue({ callbacks, messages }),
    contactDetails: createContactDetailsService({ db, clock: deps.clock }),
    cases: createCaseInquiryService({ db, clock: deps.clock }),
    staffDirectory: createStaffCaseDirectory({ db, clock: deps.clock }),
    audit: createAuditService({ db, clock: deps.clock }),
    caseAudit: createCaseAuditReport({ db, clock: deps.clock }),
    callNow: createCallNowService({
      db,
      clock: deps.clock,
      callbacks,
      outboundCalls: deps.outboundCalls !== undefined ? deps.outboundCalls : outboundCallsFromConfig(config),
      callerId: config.agency.callerId,
      connectUrl: (callbackId, staffId) => config.publicBaseUrl + outboundConnectPath(callbackId, staffId),
    }),
  }
}

export type Services = ReturnType<typeof createServices>
