import { DeliveryFailed, type EmailMessage, type TextMessage } from '../../server/alerts/alertChannels'
import { createAlertDelivery, retryDelayMs } from '../../server/alerts/alertDelivery'
import { alertOutbox, enqueueAlert, type NewAlert } from '../../server/alerts/alertOutbox'
import { createI18n } from '../../server/i18n'
import { createLogger } from '../../server/logger'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent, movableClock } from '../identity/identityFixtures'

// The delivery worker's rules, on both databases, with recording adapters in place of Twilio and SMTP (the adapters
// themselves are driven against their fakes in securityNoticeAlerts.test.ts): at most once, quiet hours, the daily
// cap, STOP, retries with backoff, failures that end an alert, and two workers that never send the same alert.

type Sent = { channel: 'text' | 'email'; to: string; body: string }

function recordingAdapters() {
  const sent: Sent[] = []
  let failure: DeliveryFailed | null = null
  let counter = 0
  return {
    sent,
    failWith(error: DeliveryFailed | null) {
      failure = error
    },
    texts: {
      async send(message: TextMessage) {
        await new Promise((resolve) => setImmediate(resolve))
        if (failure) throw failure
        sent.push({ channel: 'text' as const, to: message.to, body: message.body })
        return { providerId: `SM${++counter}` }
      },
    },
    emails: {
      async send(message: EmailMessage) {
        await new Promise((resolve) => setImmediate(resolve))
        if (failure) throw failure
        sent.push({ channel: 'email' as const, to: message.to, body: message.subject })
        return { providerId: `<${++counter}@test>` }
      },
    },
  }
}

describe('alert delivery', () => {
  let database: TestDatabase
  let parentId: number
  const i18n = createI18n()
  const logged: string[] = []
  const logger = createLogger('warn', { write: (line: string) => void logged.push(line) })

  beforeAll(async () => {
    database = await createTestDatabase()
    const caseId = await addCase(database, '340000000088')
    parentId = await addParent(database, { parId: '4000000081', ssnLast4: '1111', dateOfBirth: '1980-01-01', caseId, role: 'paying' })
  })
  afterAll(() => database.close())
  beforeEach(async () => {
    await database.db.deleteFrom('alert_outbox').execute()
    await database.db.deleteFrom('text_opt_outs').execute()
    logged.length = 0
  })

  let keys = 0
  const alert = (channel: 'text' | 'email', overrides: Partial<NewAlert> = {}): NewAlert => ({
    participantId: parentId,
    channel,
    kind: 'security_notice',
    language: 'es',
    destination: channel === 'text' ? '+19165550181' : 'parent@example.com',
    details: {},
    dedupeKey: `test:${++keys}:${channel}`,
    ...overrides,
  })

  function worker(clock: ReturnType<typeof movableClock>, adapters: ReturnType<typeof recordingAdapters>, dailyCap = 5) {
    return createAlertDelivery({
      outbox: alertOutbox(database.db, database.dialect),
      clock,
      i18n,
      logger,
      texts: adapters.texts,
      emails: adapters.emails,
      links: { signIn: 'https://portal.example/sign-in', settings: 'https://portal.example/account/details', alertSettings: 'https://portal.example/account/alerts', requestCallback: 'https://portal.example/account/callbacks/new', agencyPhone: '(866) 555-0100' },
      textStatusCallback: null,
      settings: { dailyCap },
    })
  }

  const statuses = async () =>
    (await database.db.selectFrom('alert_outbox').select(['dedupe_key', 'status', 'attempts', 'next_attempt_at', 'last_error']).orderBy('id').execute())

  it('ignores a second alert for the same event and channel', async () => {
    const clock = movableClock('2026-05-04T17:00:00Z')
    const first = alert('email')
    await enqueueAlert(database.db, first, clock.now())
    await enqueueAlert(database.db, { ...first, destination: 'other@example.com' }, clock.now())
    const adapters = recordingAdapters()
    expect(await worker(clock, adapters).deliverDue()).toMatchObject({ sent: 1 })
    expect(adapters.sent).toEqual([{ channel: 'email', to: 'parent@example.com', body: expect.any(String) }])
  })

  it('holds texts in quiet hours until 8 a.m. Pacific, and sends emails at any hour', async () => {
    // 10:30 p.m. in Sacramento (daylight time, UTC-7).
    const clock = movableClock('2026-05-05T05:30:00Z')
    await enqueueAlert(database.db, alert('text'), clock.now())
    await enqueueAlert(database.db, alert('email'), clock.now())
    const adapters = recordingAdapters()
    const delivery = worker(clock, adapters)
    expect(await delivery.deliverDue()).toMatchObject({ sent: 1, held: 1 })
    expect(adapters.sent.map((s) => s.channel)).toEqual(['email'])
    const held = (await statuses()).find((row) => row.status === 'pending')!
    expect(held).toMatchObject({ next_attempt_at: '2026-05-05T15:00:00.000Z', last_error: 'quiet hours', attempts: 0 })

    clock.advanceMinutes(8 * 60 + 29) // 6:59 a.m.: still quiet, and not due yet
    expect(await delivery.deliverDue()).toMatchObject({ sent: 0, held: 0 })
    clock.advanceMinutes(61) // 8:00 a.m.
    expect(await delivery.deliverDue()).toMatchObject({ sent: 1 })
    expect(adapters.sent.map((s) => s.channel)).toEqual(['email', 'text'])
  })

  it('sends at most the daily cap to a parent by each channel, and the rest the next morning', async () => {
    const clock = movableClock('2026-05-04T17:00:00Z')
    for (let i = 0; i < 4; i++) await enqueueAlert(database.db, alert('text'), clock.now())
    const adapters = recordingAdapters()
    const delivery = worker(clock, adapters, 3)
    const round = await delivery.deliverDue()
    expect(round).toMatchObject({ sent: 3, held: 1 })
    const held = (await statuses()).find((row) => row.status === 'pending')!
    expect(held).toMatchObject({ last_error: 'daily cap', next_attempt_at: '2026-05-05T15:00:00.000Z' })
  })

  it('never texts a number that replied STOP', async () => {
    const clock = movableClock('2026-05-04T17:00:00Z')
    await database.db.insertInto('text_opt_outs').values({ phone: '+19165550181', keyword: 'STOP', opted_out_at: clock.now().toISOString() }).execute()
    await enqueueAlert(database.db, alert('text'), clock.now())
    const adapters = recordingAdapters()
    expect(await worker(clock, adapters).deliverDue()).toMatchObject({ sent: 0, stopped: 1 })
    expect(adapters.sent).toEqual([])
    expect((await statuses())[0]).toMatchObject({ status: 'stopped' })
  })

  it('tries again later after a failure that may pass, waiting longer each time, and gives up after the last try', async () => {
    expect([1, 2, 3, 4, 8].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000])
    const clock = movableClock('2026-05-04T17:00:00Z')
    await enqueueAlert(database.db, alert('email'), clock.now())
    const adapters = recordingAdapters()
    adapters.failWith(new DeliveryFailed(false, 'smtp 421'))
    const delivery = worker(clock, adapters)
    expect(await delivery.deliverDue()).toMatchObject({ retried: 1 })
    expect((await statuses())[0]).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: '2026-05-04T17:01:00.000Z', last_error: 'smtp 421' })
    expect(await delivery.deliverDue()).toMatchObject({ retried: 0 }) // not due yet
    for (let attempt = 2; attempt <= 5; attempt++) {
      clock.advanceMinutes(60)
      expect(await delivery.deliverDue()).toMatchObject({ retried: 1 })
    }
    clock.advanceMinutes(60)
    expect(await delivery.deliverDue()).toMatchObject({ failed: 1 })
    expect((await statuses())[0]).toMatchObject({ status: 'failed', attempts: 6 })
  })

  it('ends an alert at once when the failure cannot pass (not a mobile number)', async () => {
    const clock = movableClock('2026-05-04T17:00:00Z')
    await enqueueAlert(database.db, alert('text'), clock.now())
    const adapters = recordingAdapters()
    adapters.failWith(new DeliveryFailed(true, 'twilio 400 21614'))
    expect(await worker(clock, adapters).deliverDue()).toMatchObject({ failed: 1 })
    expect((await statuses())[0]).toMatchObject({ status: 'failed', last_error: 'twilio 400 21614' })
  })

  it('lets two workers at once send each alert exactly once', async () => {
    const clock = movableClock('2026-05-04T17:00:00Z')
    for (let i = 0; i < 60; i++) await enqueueAlert(database.db, alert('email', { destination: `parent${i}@example.com` }), clock.now())
    const adapters = recordingAdapters()
    const first = worker(clock, adapters, 100)
    const second = worker(clock, adapters, 100)
    const rounds = []
    for (let i = 0; i < 3; i++) rounds.push(...(await Promise.all([first.deliverDue(), second.deliverDue(), first.deliverDue(), second.deliverDue()])))
    expect(rounds.reduce((total, round) => total + round.sent, 0)).toBe(60)
    const addresses = adapters.sent.map((s) => s.to)
    expect(new Set(addresses).size).toBe(60)
    expect(addresses).toHaveLength(60)
  })

  it('never sends an alert that another worker took after this batch outlived its hold (a slow relay)', async () => {
    const clock = movableClock('2026-05-04T17:00:00Z')
    for (const name of ['first', 'second', 'third']) await enqueueAlert(database.db, alert('email', { destination: `${name}@example.com` }), clock.now())
    const adapters = recordingAdapters()
    const other = worker(clock, adapters, 100)
    let sends = 0
    // Each send takes 90 s, within the two-minute hold it renews, but the batch of three outlives the hold it was
    // claimed with: while the second is being sent, the other worker finds the third's hold lapsed and takes it.
    const slowEmails = {
      async send(message: EmailMessage) {
        sends++
        clock.advanceMinutes(1.5)
        if (sends === 2) expect(await other.deliverDue()).toMatchObject({ sent: 1 })
        return adapters.emails.send(message)
      },
    }
    const slow = createAlertDelivery({
      outbox: alertOutbox(database.db, database.dialect),
      clock,
      i18n,
      logger,
      texts: adapters.texts,
      emails: slowEmails,
      links: { signIn: 'https://portal.example/sign-in', settings: 'https://portal.example/account/details', alertSettings: 'https://portal.example/account/alerts', requestCallback: 'https://portal.example/account/callbacks/new', agencyPhone: '(866) 555-0100' },
      textStatusCallback: null,
      settings: { dailyCap: 100, batchSize: 3, claimHoldMs: 120_000 },
    })
    expect(await slow.deliverDue()).toMatchObject({ sent: 2 })
    // Each address exactly once: the slow worker sent the first two, the other worker the third.
    expect(adapters.sent.map((s) => s.to).sort()).toEqual(['first@example.com', 'second@example.com', 'third@example.com'])
    expect((await statuses()).map((row) => row.status)).toEqual(['sent', 'sent', 'sent'])
  })

  it('takes an alert again when the run that claimed it died, says so in the log, and sends it', async () => {
    const clock = movableClock('2026-05-04T17:00:00Z')
    await enqueueAlert(database.db, alert('email'), clock.now())
    // A run claims the alert and dies before settling it.
    const claimed = await alertOutbox(database.db, database.dialect).claimDue(['email'], clock.now(), 10, 120_000)
    expect(claimed).toHaveLength(1)
    const adapters = recordingAdapters()
    const delivery = worker(clock, adapters)
    expect(await delivery.deliverDue()).toMatchObject({ sent: 0 }) // still held by the dead run
    clock.advanceMinutes(3)
    expect(await delivery.deliverDue()).toMatchObject({ sent: 1 })
    expect(logged.join('\n')).toContain('alert claimed again after an interrupted delivery')
    expect(logged.join('\n')).not.toContain('parent@example.com')
    expect(adapters.sent).toHaveLength(1)
  })
})
