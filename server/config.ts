import fs from 'node:fs'
import path from 'node:path'

import { z } from 'zod'

import { type AgencyDirectory, agencyProfileSchema, buildAgencyDirectory } from './agency/agencyDirectory'
import { type DatabaseLocation, type DatabaseTimeouts, DatabaseUrlError, parseDatabaseUrl } from './db/dialect'
import { RateLimitSettingsError, type RateLimitSettings, rateLimitSettings } from './rateLimits/limits'

// The only reader of process.env. Development and tests run with documented defaults; production refuses
// to start on a default secret, so a forgotten variable can never ship a guessable key.

/** The folder holding views/ and locales/: one level up from the sources, two from compiled dist/server. */
export const projectRoot = findProjectRoot(__dirname)

function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, 'locales')) && fs.existsSync(path.join(folder, 'package.json'))) return folder
    if (path.dirname(folder) === folder) return path.resolve(start, '..')
  }
}
export const agencyTimeZone = 'America/Los_Angeles'

const developmentSessionSecret = 'development-session-secret-not-for-production'
const developmentTwilioToken = 'development-twilio-auth-token'
const developmentSsnKey = 'development-ssn-hmac-key'

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default('sqlite:data/portal.db'),
  SESSION_SECRET: z.string().min(1).default(developmentSessionSecret),
  SSN_HMAC_KEY: z.string().min(1).default(developmentSsnKey),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  PUBLIC_BASE_URL: z.url().optional(),
  REDIS_URL: z.string().optional(),
  AGENCY_PHONE_NUMBER: z.string().optional(),
  AGENT_LINE_NUMBER: z.string().optional(),
  AGENCY_PROFILE: z.string().min(1).optional(),
  AGENCY_CALLER_ID: z.string().default('+19165550199'),
  CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  CALLBACK_CLAIM_MINUTES: z.coerce.number().int().min(5).max(480).default(60),
  /** Overrides of the attempt limits, e.g. "signInClient=30/900,factsIdentifier=10/3600" (attempts/seconds). */
  RATE_LIMITS: z.string().optional(),
  DEMO_DATA: z.enum(['on', 'off']).optional(),
  METRICS_TOKEN: z.string().optional(),
  // Every request answers within REQUEST_DEADLINE_MS (below Twilio's 15 s); a phone turn whose database does not
  // answer within PHONE_DEADLINE_MS hears an apology. Queries give up after DB_STATEMENT_TIMEOUT_MS, waits on a
  // lock after DB_LOCK_TIMEOUT_MS, waits for a connection after DB_ACQUIRE_TIMEOUT_MS; /readyz after READY_TIMEOUT_MS.
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(14_000).default(10_000),
  PHONE_DEADLINE_MS: z.coerce.number().int().min(100).max(10_000).default(2_500),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
  READY_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1_500),
  // Alerts: texts go out when TWILIO_ACCOUNT_SID and TWILIO_MESSAGING_FROM (the agency's texting number, E.164, or a
  // Messaging Service SID) are set; emails when SMTP_URL is. Without them no alert is queued for that channel.
  TWILIO_MESSAGING_FROM: z.string().regex(/^(\+[1-9]\d{7,14}|MG[0-9a-f]{32})$/, 'an E.164 number or a Messaging Service SID (MG…)').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  ALERT_EMAIL_FROM: z.string().min(3).default('Child Support Services <alerts@childsupport.example.gov>'),
  ALERT_DAILY_CAP: z.coerce.number().int().min(1).max(50).default(5),
  ALERT_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  ALERT_SCAN_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(900_000),
  /** The case system's sources and their bearer tokens for /intake/v1: "casesystem=TOKEN,other=TOKEN2". */
  INTAKE_TOKENS: z.string().optional(),
  /** Where documents parents send are kept: a folder outside the web root (made on first use). */
  DOCUMENTS_DIR: z.string().min(1).default('data/documents'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
})

export interface Config {
  environment: 'development' | 'test' | 'production'
  production: boolean
  port: number
  database: DatabaseLocation
  sessionSecret: string
  ssnHmacKey: string
  twilio: { authToken: string; accountSid: string | null; apiBaseUrl: string }
  publicBaseUrl: string
  redisUrl: string | null
  agency: { phoneNumber: string; agentLineNumber: string; callerId: string }
  /** Offices, numbers and every way to pay with its destination: server/agency/agencyDirectory.ts. */
  agencyDirectory: AgencyDirectory
  /** maxAttempts: calls before a request closes as unreachable; claimMinutes: how long a claim holds untouched. */
  callbacks: { maxAttempts: number; claimMinutes: number }
  /** The bearer token `GET /metrics` asks for; without one the metrics are not served at all. */
  metricsToken: string | null
  /** How long a web request and a phone turn may take before they answer "try again" (an outage page, an apology). */
  deadlines: { requestMs: number; phoneMs: number; readinessMs: number }
  databaseTimeouts: DatabaseTimeouts
  /** Attempts allowed per window, by limit name (see rateLimits/limits.ts). */
  rateLimits: RateLimitSettings
  /** How alerts reach parents; a channel whose settings are missing is off (see alerts/). */
  alerts: {
    textFrom: string | null
    smtpUrl: string | null
    emailFrom: string
    dailyCap: number
    deliveryIntervalMs: number
    /** How often the time-based alerts are scanned for (alerts/alertScheduler.ts). */
    scanIntervalMs: number
  }
  /** Each source allowed to send documents to /intake/v1, with its bearer token; empty: the intake API is off. */
  intakeSources: { source: string; token: string }[]
  /** The folder that holds documents parents send, under random names; never served as static files. */
  documentsDirectory: string
  /** Fill a new, empty database with the demo personas. */
  demoData: boolean
  logLevel: string
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'

  let database: DatabaseLocation
  try {
    database = parseDatabaseUrl(e.DATABASE_URL)
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError(error.message)
    throw error
  }

  let rateLimits: RateLimitSettings
  try {
    rateLimits = rateLimitSettings(e.RATE_LIMITS)
  } catch (error) {
    if (error instanceof RateLimitSettingsError) throw new ConfigError(`RATE_LIMITS: ${error.message}`)
    throw error
  }

  if (production) {
    if (e.SESSION_SECRET === developmentSessionSecret || e.SESSION_SECRET.length < 32)
      throw new ConfigError('SESSION_SECRET must be set to a random value of at least 32 characters in production')
    if (e.SSN_HMAC_KEY === developmentSsnKey || e.SSN_HMAC_KEY.length < 32)
      throw new ConfigError('SSN_HMAC_KEY must be set to a random value of at least 32 characters in production')
    if (!e.TWILIO_AUTH_TOKEN) throw new ConfigError('TWILIO_AUTH_TOKEN must be set in production')
    if (!e.PUBLIC_BASE_URL) throw new ConfigError('PUBLIC_BASE_URL must be set in production (Twilio signs that URL)')
    if (e.METRICS_TOKEN !== undefined && e.METRICS_TOKEN.length < 32)
      throw new ConfigError('METRICS_TOKEN must be a random value of at least 32 characters in production (or unset: no metrics)')
  }

  const intakeSources = parseIntakeTokens(e.INTAKE_TOKENS, production)

  const agencyDirectory = loadAgencyDirectory(e.AGENCY_PROFILE, e.AGENCY_PHONE_NUMBER, e.AGENT_LINE_NUMBER)

  return {
    environment: e.NODE_ENV,
    production,
    port: e.PORT,
    database,
    sessionSecret: e.SESSION_SECRET,
    ssnHmacKey: e.SSN_HMAC_KEY,
    twilio: {
      authToken: e.TWILIO_AUTH_TOKEN ?? developmentTwilioToken,
      accountSid: e.TWILIO_ACCOUNT_SID ?? null,
      apiBaseUrl: e.TWILIO_API_BASE_URL,
    },
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    redisUrl: e.REDIS_URL ?? null,
    agency: {
      phoneNumber: agencyDirectory.phoneNumbers.main,
      agentLineNumber: agencyDirectory.phoneNumbers.agentLine,
      callerId: e.AGENCY_CALLER_ID,
    },
    agencyDirectory,
    callbacks: { maxAttempts: e.CALLBACK_MAX_ATTEMPTS, claimMinutes: e.CALLBACK_CLAIM_MINUTES },
    metricsToken: e.METRICS_TOKEN ? e.METRICS_TOKEN : null,
    deadlines: { requestMs: e.REQUEST_DEADLINE_MS, phoneMs: e.PHONE_DEADLINE_MS, readinessMs: e.READY_TIMEOUT_MS },
    databaseTimeouts: { statementMs: e.DB_STATEMENT_TIMEOUT_MS, lockMs: e.DB_LOCK_TIMEOUT_MS, acquireMs: e.DB_ACQUIRE_TIMEOUT_MS },
    rateLimits,
    intakeSources,
    alerts: {
      textFrom: e.TWILIO_ACCOUNT_SID && e.TWILIO_MESSAGING_FROM ? e.TWILIO_MESSAGING_FROM : null,
      smtpUrl: e.SMTP_URL ?? null,
      emailFrom: e.ALERT_EMAIL_FROM,
      dailyCap: e.ALERT_DAILY_CAP,
      deliveryIntervalMs: e.ALERT_DELIVERY_INTERVAL_MS,
      scanIntervalMs: e.ALERT_SCAN_INTERVAL_MS,
    },
    documentsDirectory: e.DOCUMENTS_DIR,
    demoData: e.DEMO_DATA ? e.DEMO_DATA === 'on' : !production,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
  }
}

/** "casesystem=TOKEN,other=TOKEN2" → one entry per source; names are short words, tokens long enough to guess at. */
function parseIntakeTokens(text: string | undefined, production: boolean): { source: string; token: string }[] {
  if (!text) return []
  const sources = text.split(',').map((pair) => {
    const [source = '', token = '', ...rest] = pair.split('=')
    if (!/^[a-z][a-z0-9_-]{0,63}$/.test(source) || rest.length || !/^[\x21-\x7e]+$/.test(token)) {
      throw new ConfigError('INTAKE_TOKENS: each entry is source=token (source: lower-case letters, digits, - or _)')
    }
    if (production && token.length < 32) throw new ConfigError(`INTAKE_TOKENS: the token of ${source} must be at least 32 random characters in production`)
    return { source, token }
  })
  if (new Set(sources.map((s) => s.source)).size !== sources.length) throw new ConfigError('INTAKE_TOKENS: a source is named twice')
  return sources
}

/**
 * The agency's contact facts: the defaults, then the JSON file AGENCY_PROFILE names (any section of
 * agencyProfileSchema), then AGENCY_PHONE_NUMBER and AGENT_LINE_NUMBER, which win over both.
 */
function loadAgencyDirectory(profilePath: string | undefined, mainNumber: string | undefined, agentLine: string | undefined) {
  let profile: unknown = {}
  if (profilePath) {
    try {
      profile = JSON.parse(fs.readFileSync(profilePath, 'utf8'))
    } catch (error) {
      throw new ConfigError(`AGENCY_PROFILE: cannot read ${profilePath} as JSON (${(error as Error).message})`)
    }
  }
  const parsed = agencyProfileSchema.safeParse(profile)
  if (!parsed.success) throw new ConfigError(`AGENCY_PROFILE: ${describeIssue(parsed.error.issues[0])}`)
  const phoneNumbers = { ...parsed.data.phoneNumbers }
  if (mainNumber) phoneNumbers.main = mainNumber
  if (agentLine) phoneNumbers.agentLine = agentLine
  try {
    return buildAgencyDirectory({ ...parsed.data, phoneNumbers })
  } catch (error) {
    if (error instanceof z.ZodError) throw new ConfigError(`agency directory: ${describeIssue(error.issues[0])}`)
    throw error
  }
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  return `${issue?.path.join('.') || 'profile'}: ${issue?.message ?? 'invalid'}`
}
