// A delivery worker in a process of its own, for the crash and two-process tests (deliveryCrash.test.ts): the real
// worker, outbox and adapters (twilio's client to a fake Messages endpoint, nodemailer to an SMTP server), over the
// database the test names. It delivers until no alert is pending, then prints one JSON line with what it sent and how
// long it took, and exits. Its log (pino, JSON lines) goes to stdout with that line. The settings come as one JSON
// argument, so the test can run it with any NODE_ENV.
import { performance } from 'node:perf_hooks'

import { createAlertDelivery } from '../../../server/alerts/alertDelivery'
import { alertOutbox } from '../../../server/alerts/alertOutbox'
import { openDatabase } from '../../../server/db/connection'
import { parseDatabaseUrl } from '../../../server/db/dialect'
import { createSmtpEmailMessages } from '../../../server/email/smtpEmailMessages'
import { createI18n } from '../../../server/i18n'
import { createLogger } from '../../../server/logger'
import { createTwilioTextMessages } from '../../../server/telephony/twilioTextMessages'

export interface WorkerSettings {
  databaseUrl: string
  twilio: { accountSid: string; authToken: string; apiBaseUrl: string }
  smtpUrl: string
  /** Added to the real time, so the worker's "now" is outside quiet hours whatever the hour the test runs. */
  clockOffsetMs: number
  claimHoldMs: number
  batchSize: number
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '') as WorkerSettings
  const handle = openDatabase(parseDatabaseUrl(settings.databaseUrl))
  const outbox = alertOutbox(handle.db, handle.dialect)
  const emails = createSmtpEmailMessages({ url: settings.smtpUrl, from: 'alerts@agency.example' })
  const delivery = createAlertDelivery({
    outbox,
    clock: { now: () => new Date(Date.now() + settings.clockOffsetMs) },
    i18n: createI18n(),
    logger: createLogger('info'),
    texts: createTwilioTextMessages({ ...settings.twilio, from: '+19165550100' }),
    emails,
    links: { signIn: 'https://portal.example/sign-in', settings: 'https://portal.example/account/details', alertSettings: 'https://portal.example/account/alerts', requestCallback: 'https://portal.example/account/callbacks/new', agencyPhone: '(866) 555-0100' },
    textStatusCallback: null,
    settings: { batchSize: settings.batchSize, claimHoldMs: settings.claimHoldMs, dailyCap: 1_000 },
  })
  const started = performance.now()
  let sent = 0
  for (;;) {
    const round = await delivery.deliverDue()
    sent += round.sent
    if (round.sent + round.held + round.retried + round.failed + round.stopped > 0) continue
    // Nothing claimable: done when nothing is pending, else a claim another run holds has yet to lapse.
    const pending = await handle.db.selectFrom('alert_outbox').select('id').where('status', '=', 'pending').limit(1).execute()
    if (pending.length === 0) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  process.stdout.write(`${JSON.stringify({ finished: true, sent, ms: Math.round(performance.now() - started) })}\n`)
  emails.close()
  await handle.close()
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`)
    process.exit(1)
  },
)
