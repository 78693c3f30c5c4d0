import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

// Table shapes shared by SQLite and PostgreSQL. To read the same on both dialects, dates are ISO text
// (YYYY-MM-DD in the agency's time zone), instants are ISO text in UTC, flags are 0/1 integers and
// money is integer cents.

type Id = Generated<number>
/** 0 or 1: SQLite has no boolean, so both dialects store an integer. */
export type Flag = 0 | 1

export interface ParticipantsTable {
  id: Id
  par_id: string
  first_name: string
  last_name: string
  date_of_birth: string
  /** Keyed HMAC of the SSN; the number itself is never stored. */
  ssn_hmac: string
  ssn_last4: string
  phone_primary: string | null
  phone_mobile: string | null
  email: string | null
  language: 'en' | 'es'
  address_line1: string | null
  address_line2: string | null
  city: string | null
  state: string | null
  postal_code: string | null
  employer_name: string | null
  /** Yearly household income in cents, when the agency knows it (FC 17520.5 low-income exemption). */
  household_income_cents: number | null
  household_size: number | null
  family_violence: Generated<Flag>
  active_military: Generated<Flag>
  released_from_incarceration_on: string | null
  created_at: string
  updated_at: string
}

export interface CasesTable {
  id: Id
  case_number: string
  county: string
  status: 'open' | 'closed'
  assistance_status: 'never' | 'former' | 'current'
  processing_stage: 'establishment' | 'enforcement' | 'closed'
  interest_rate_bp: Generated<number>
  interest_rate_basis: Generated<'statutory' | 'scra' | 'order' | 'interstate'>
  caseworker_name: string
  office_code: string
  opened_on: string
  /** Why enforcement ended, when it has (e.g. state-owed arrears found uncollectible). */
  enforcement_ended_reason: string | null
  created_at: string
}

export type CaseRole = 'paying' | 'receiving' | 'child'

export interface CaseRolesTable {
  case_id: number
  participant_id: number
  role: CaseRole
}

export interface OrdersTable {
  id: Id
  case_id: number
  kind: 'child' | 'medical' | 'spousal'
  monthly_cents: number
  effective_from: string
  effective_to: string | null
  court_case_number: string | null
}

export type LedgerKind = 'charge' | 'payment' | 'disbursement' | 'adjustment' | 'interest' | 'fee'

export interface LedgerTable {
  id: Id
  case_id: number
  posted_on: string
  kind: LedgerKind
  bucket: 'current' | 'family_arrears' | 'state_arrears' | 'interest' | null
  owed_to: 'family' | 'state' | null
  order_kind: 'child' | 'medical' | 'spousal' | null
  /** Payment method, or disbursement method (direct_deposit, debit_card). */
  method: string | null
  amount_cents: number
  /** A disbursement names the payment it pays out; a fee the payment it was withheld from. */
  related_entry_id: number | null
  reason: string | null
  reference: string | null
}

export interface EnforcementTable {
  id: Id
  case_id: number
  participant_id: number
  kind: 'drivers_license' | 'income_withholding' | 'tax_intercept' | 'passport_denial' | 'credit_reporting'
  status: 'notice_sent' | 'listed' | 'suspended' | 'released' | 'active' | 'ended' | 'exempt_low_income'
  started_on: string
  status_changed_on: string
  employer_name: string | null
}

export interface EventsTable {
  id: Id
  case_id: number
  participant_id: number | null
  kind: 'hearing' | 'appointment' | 'document_request'
  /** ISO instant for hearings and appointments; due date for a document request. */
  scheduled_for: string
  location: string | null
  topic: string
  status: 'scheduled' | 'completed' | 'requested' | 'received' | 'cancelled'
}

export interface AccountsTable {
  participant_id: number
  username: string | null
  password_hash: string | null
  pin_hash: string | null
  failed_attempts: Generated<number>
  locked_until: string | null
  activated_at: string | null
  last_sign_in_at: string | null
}

export type CallbackStatus = 'open' | 'claimed' | 'completed' | 'cancelled' | 'needs_caseworker' | 'unreachable'

export interface CallbacksTable {
  id: Id
  confirmation_code: string
  case_id: number | null
  participant_id: number | null
  phone: string
  language: 'en' | 'es'
  topic: string
  preferred_window: string
  channel: 'web' | 'phone'
  call_sid: string | null
  /** JSON: what the phone line already told the caller. */
  phone_context: string | null
  /** What the parent wrote under "Tell us more" (migration 0010); null when they wrote nothing. */
  details: string | null
  due_by: string
  status: CallbackStatus
  claimed_by: number | null
  claimed_at: string | null
  attempts: Generated<number>
  next_attempt_after: string | null
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface CallbackAttemptsTable {
  id: Id
  callback_id: number
  staff_id: number
  attempted_at: string
  outcome: 'no_answer' | 'left_message' | 'wrong_number' | 'resolved' | 'needs_caseworker'
  note: string | null
}

export interface CallsTable {
  call_sid: string
  from_number: string | null
  language: 'en' | 'es'
  participant_id: number | null
  identified: Generated<Flag>
  /** JSON array of the steps the caller went through. */
  path: string
  /** JSON: the flow's working state (step, tries, chosen case). Never a PIN. */
  state: string
  outcome: 'in_progress' | 'resolved_by_phone' | 'callback_requested' | 'transferred' | 'abandoned'
  started_at: string
  updated_at: string
  ended_at: string | null
  duration_seconds: number | null
  /** PINs checked on this call; the phone line allows a fixed number per call, whatever the path back to the question. */
  pin_attempts: Generated<number>
}

/** Signed phone webhooks already answered, by a digest of their signature, so a replay is refused until expiry. */
export interface TwilioSignaturesTable {
  digest: string
  expires_at: string
}

export interface StaffTable {
  id: Id
  username: string
  display_name: string
  password_hash: string
  role: 'rep' | 'supervisor'
  /** Comma-separated language codes the person can serve in. */
  languages: string
  failed_attempts: Generated<number>
  locked_until: string | null
  /** E.164; "Call now" rings it first. Null: the person cannot place calls from the console. */
  phone: string | null
}

export interface AuditEventsTable {
  id: Id
  occurred_at: string
  actor_kind: 'parent' | 'staff' | 'system'
  actor_id: number | null
  case_id: number | null
  /** The parent a row is about when it is about no case (a message about no case in particular); 0009. */
  participant_id: Generated<number | null>
  action: string
  channel: 'web' | 'phone' | 'console' | 'system'
  /** JSON; never a secret. */
  details: string | null
}

export interface SessionsTable {
  sid: string
  sess: string
  expires_at: string
  /** Whose session it is ("parent:12", "staff:3"); null for a visitor who holds only a form token. */
  principal: string | null
}

/** rate-limiter-flexible's counters: key, points used, expiry in epoch milliseconds. */
export interface RateLimitsTable {
  key: string
  points: number
  expire: number | null
}

export interface SecurityNoticesTable {
  id: Id
  participant_id: number
  kind: 'failed_identity_check'
  attempts: Generated<number>
  first_at: string
  last_at: string
  seen_at: string | null
}

/** A written conversation between a parent and the agency; one work item of the queue (migration 0008). */
export interface MessageThreadsTable {
  id: Id
  participant_id: number
  case_id: number | null
  kind: string
  topic: string
  language: 'en' | 'es'
  /** open · claimed · answered (see server/messages/messageRecord.ts). */
  status: string
  due_by: string
  claimed_by: number | null
  claimed_at: string | null
  first_answered_at: string | null
  last_reply_at: string | null
  parent_read_at: string | null
  created_at: string
  updated_at: string
  closed_at: string | null
}

export interface MessagePostsTable {
  id: Id
  thread_id: number
  author: 'parent' | 'staff'
  staff_id: number | null
  body: string
  /** JSON: a reported change's structured fields. */
  fields: string | null
  created_at: string
}

/** A document a parent sent with a message or in answer to a request (0015); the file is stored outside the web root. */
export interface MessageDocumentsTable {
  id: Id
  thread_id: number
  participant_id: number
  case_id: number | null
  /** The document request (events) it answers, or null. */
  event_id: number | null
  storage_name: string
  original_name: string
  content_type: string
  size_bytes: number
  status: 'received' | 'accepted' | 'declined'
  decline_reason: string | null
  reviewed_by: number | null
  reviewed_at: string | null
  /** 'event:<id>' while it answers that request (received or accepted); null otherwise. */
  answer_key: string | null
  created_at: string
}

/** A text or an email to a parent, written with the event that raised it and sent by the delivery worker (0011). */
export interface AlertOutboxTable {
  id: Id
  participant_id: number
  channel: 'text' | 'email'
  kind: string
  language: 'en' | 'es'
  /** E.164 for a text, an address for an email. */
  destination: string
  details: string
  dedupe_key: string
  status: 'pending' | 'sent' | 'failed' | 'stopped'
  attempts: Generated<number>
  next_attempt_at: string
  claim_token: string | null
  claimed_until: string | null
  sent_at: string | null
  provider_id: string | null
  last_error: string | null
  created_at: string
  /** Twilio's last status callback for a sent text: delivered, undelivered, failed (0012). */
  delivery_status: string | null
  delivery_updated_at: string | null
}

/** A STOP, START or HELP received by text (0012): the record of consent withdrawn and given again. */
export interface TextKeywordEventsTable {
  id: Id
  phone: string
  keyword: string
  action: 'stop' | 'start' | 'help'
  message_sid: string
  received_at: string
}

/** A document taken from the agency's case system, by its source and the case system's own id (0013). */
export interface IntakeRecordsTable {
  source: string
  external_id: string
  type: string
  digest: string
  /** Null for a participant, who belongs to no case (0022). */
  case_id: number | null
  ledger_id: number | null
  event_id: number | null
  taken_at: string
  /** The row a participant, order or enforcement document wrote (0022). */
  participant_id: number | null
  order_id: number | null
  enforcement_id: number | null
}

/** A number that replied STOP: nothing is texted to it until it replies START. */
export interface TextOptOutsTable {
  phone: string
  keyword: string
  opted_out_at: string
}

/** Where a parent asked alerts to go (0019): unused until confirmed by a texted code or an emailed link. */
export interface AlertDestinationsTable {
  id: Id
  participant_id: number
  channel: 'text' | 'email'
  /** E.164 for a text, an address for an email. */
  destination: string
  language: 'en' | 'es'
  /** SHA-256 of the code or the link's token while a confirmation is pending; null once confirmed. */
  secret_hash: string | null
  secret_expires_at: string | null
  secret_attempts: Generated<number>
  /** The words the parent agreed to, as shown, and when. */
  consent_words: string
  consent_at: string
  confirmed_at: string | null
  updated_at: string
}

/** An event type a parent turned off or on again (0019); no row means on. */
export interface AlertChoicesTable {
  participant_id: number
  kind: string
  enabled: number
  updated_at: string
}

export interface Database {
  participants: ParticipantsTable
  cases: CasesTable
  case_roles: CaseRolesTable
  orders: OrdersTable
  ledger: LedgerTable
  enforcement: EnforcementTable
  events: EventsTable
  accounts: AccountsTable
  callbacks: CallbacksTable
  callback_attempts: CallbackAttemptsTable
  calls: CallsTable
  twilio_signatures: TwilioSignaturesTable
  staff: StaffTable
  audit_events: AuditEventsTable
  sessions: SessionsTable
  rate_limits: RateLimitsTable
  security_notices: SecurityNoticesTable
  message_threads: MessageThreadsTable
  message_posts: MessagePostsTable
  message_documents: MessageDocumentsTable
  alert_outbox: AlertOutboxTable
  text_opt_outs: TextOptOutsTable
  text_keyword_events: TextKeywordEventsTable
  intake_records: IntakeRecordsTable
  alert_destinations: AlertDestinationsTable
  alert_choices: AlertChoicesTable
}

export type Participant = Selectable<ParticipantsTable>
export type NewParticipant = Insertable<ParticipantsTable>
export type ParticipantUpdate = Updateable<ParticipantsTable>
export type CaseRow = Selectable<CasesTable>
export type LedgerRow = Selectable<LedgerTable>
export type NewLedgerRow = Insertable<LedgerTable>
export type CallbackRow = Selectable<CallbacksTable>
export type StaffRow = Selectable<StaffTable>
export type AccountRow = Selectable<AccountsTable>
export type CallRow = Selectable<CallsTable>
/** Aggregates come back as strings from PostgreSQL (bigint) and numbers from SQLite. */
export type Counted = ColumnType<number | string | bigint>
