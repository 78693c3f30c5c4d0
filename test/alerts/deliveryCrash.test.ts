import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { enqueueAlert } from '../../server/alerts/alertOutbox'
import { openDatabase } from '../../server/db/connection'
import { migrateToLatest } from '../../server/db/migrate'
import { type FakeTwilioApi, startFakeTwilioApi } from '../helpers/fakeTwilioApi'
import { type SmtpTestServer, startSmtpTestServer } from '../helpers/smtpTestServer'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent } from '../identity/identityFixtures'
import type { WorkerSettings } from './helpers/deliveryWorkerProcess'

// Issue 14, "never lost, never twice", with real processes: the delivery worker runs in a child process against a fake
// Twilio Messages endpoint and a real SMTP server, over a database file (SQLite) or a PostgreSQL database.
// - kill -9 in the middle of a batch, then a restart: every alert is delivered, and none twice but the one that was
//   in flight when the process died (sent, not yet recorded), which the restarted worker logs.
// - two worker processes at once never send the same alert.

jest.setTimeout(120_000)

const projectRoot = path.resolve(__dirname, '../..')
const workerScript = path.join(__dirname, 'helpers/deliveryWorkerProcess.ts')
const parentsPerRun = 60

let database: TestDatabase
let folder: string
let twilioApi: FakeTwilioApi
let smtp: SmtpTestServer
let caseId: number

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'delivery-crash-'))
  if (postgresAdminUrl) {
    database = await createTestDatabase()
  } else {
    // A file, not memory: the worker processes open the same database.
    const file = path.join(folder, 'alerts.db')
    const handle = openDatabase({ dialect: 'sqlite', filename: file })
    await migrateToLatest(handle.db, handle.dialect)
    database = { ...handle, url: `sqlite:${file}` }
  }
  twilioApi = await startFakeTwilioApi()
  smtp = await startSmtpTestServer()
  caseId = await addCase(database, '340000009001')
})
afterAll(async () => {
  await twilioApi?.close()
  await smtp?.close()
  await database?.close()
  fs.rmSync(folder, { recursive: true, force: true })
})

/** Noon in Sacramento, whatever the hour the test runs: texts are outside quiet hours. */
const clockOffsetMs = () => Date.parse('2026-12-02T20:00:00Z') - Date.now()

/** One parent per run and index, each with a text and an email alert, so every delivery names its alert. */
async function queueAlerts(run: string): Promise<Map<string, number>> {
  const byDestination = new Map<string, number>()
  const now = new Date(Date.now() + clockOffsetMs())
  for (let n = 0; n < parentsPerRun; n++) {
    const parId = `${run === 'crash' ? '41' : '42'}${String(n).padStart(8, '0')}`
    const participantId = await addParent(database, { parId, ssnLast4: '0000', dateOfBirth: '1980-01-01', caseId, role: 'paying' })
    const phone = `+1916${run === 'crash' ? '7' : '8'}${String(n).padStart(6, '0')}`
    const email = `${run}.${n}@example.com`
    for (const [channel, destination] of [['text', phone], ['email', email]] as const) {
      await enqueueAlert(database.db, { participantId, channel, kind: 'payment_posted', language: n % 2 ? 'es' : 'en', destination, details: { caseEnding: '9001' }, dedupeKey: `${run}:${n}:${channel}` }, now)
    }
  }
  const rows = await database.db.selectFrom('alert_outbox').select(['id', 'destination']).where('dedupe_key', 'like', `${run}:%`).execute()
  for (const row of rows) byDestination.set(row.destination, row.id)
  return byDestination
}

interface Worker {
  child: ChildProcess
  output: string[]
  exited: Promise<number | null>
}

function startWorker(): Worker {
  const settings: WorkerSettings = {
    databaseUrl: database.url,
    twilio: { accountSid: twilioApi.accountSid, authToken: twilioApi.authToken, apiBaseUrl: twilioApi.baseUrl },
    smtpUrl: smtp.url,
    clockOffsetMs: clockOffsetMs(),
    // Longer than a batch takes on a busy machine (a claim that lapses under a live worker lets another send its rows
    // again), short enough that the restart soon takes back what the killed process held.
    claimHoldMs: 8_000,
    batchSize: 10,
  }
  // `node --import tsx`, not tsx's command line: that runs the script in a second process, which a SIGKILL to the first
  // would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript, JSON.stringify(settings)], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean)))
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output, exited }
}

/** How many times each alert reached the fakes, by alert id. */
function deliveriesOf(byDestination: Map<string, number>): Map<number, number> {
  const times = new Map<number, number>()
  const add = (destination: string | undefined) => {
    const id = destination === undefined ? undefined : byDestination.get(destination)
    if (id !== undefined) times.set(id, (times.get(id) ?? 0) + 1)
  }
  for (const message of twilioApi.receivedMessages) if (message.messageSid) add(message.fields.To)
  for (const email of smtp.received) add(email.envelopeTo[0])
  return times
}

const deliveredCount = () => twilioApi.receivedMessages.filter((m) => m.messageSid).length + smtp.received.length

it('kill -9 in the middle of a batch, then a restart: every alert delivered, none twice but the one in flight, logged', async () => {
  const alerts = await queueAlerts('crash')
  const first = startWorker()
  // Killed once 25 of the 120 alerts have arrived: in its third batch of 10.
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (deliveredCount() >= 25) {
        clearInterval(poll)
        first.child.kill('SIGKILL')
        resolve()
      }
    }, 1)
    first.exited.then((code) => {
      clearInterval(poll)
      reject(new Error(`the worker ended before it was killed (${code}): ${first.output.join('\n')}`))
    }, reject)
  })
  expect(await first.exited).toBeNull()
  const beforeRestart = deliveriesOf(alerts)
  const pendingAfterKill = await database.db.selectFrom('alert_outbox').select('id').where('status', '=', 'pending').where('dedupe_key', 'like', 'crash:%').execute()
  expect(pendingAfterKill.length).toBeGreaterThan(0)

  const second = startWorker()
  expect(await second.exited).toBe(0)

  const rows = await database.db.selectFrom('alert_outbox').select(['id', 'status']).where('dedupe_key', 'like', 'crash:%').execute()
  expect(rows).toHaveLength(parentsPerRun * 2)
  expect(rows.filter((r) => r.status !== 'sent')).toEqual([])
  const times = deliveriesOf(alerts)
  expect([...alerts.values()].filter((id) => !times.has(id))).toEqual([])
  const repeated = [...times.entries()].filter(([, n]) => n > 1)
  expect(repeated.length).toBeLessThanOrEqual(1)
  expect(repeated.every(([, n]) => n === 2)).toBe(true)
  // A repeat is an alert the first process sent before it died; the restarted worker said it might send it twice.
  const warned = second.output.filter((line) => line.includes('may be sent twice')).map((line) => (JSON.parse(line) as { alertId: number }).alertId)
  for (const [id] of repeated) {
    expect(beforeRestart.get(id)).toBe(1)
    expect(warned).toContain(id)
  }
  if (process.env.REPORT_FIGURES) process.stderr.write(`kill -9 (${database.dialect}): ${beforeRestart.size} delivered before the kill, ${repeated.length} repeated after the restart, ${warned.length} logged as interrupted\n`)
})

it('two worker processes at once never send the same alert', async () => {
  const alerts = await queueAlerts('pair')
  const workers = [startWorker(), startWorker()]
  expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0])
  const rows = await database.db.selectFrom('alert_outbox').select('status').where('dedupe_key', 'like', 'pair:%').execute()
  expect(rows.filter((r) => r.status !== 'sent')).toEqual([])
  const times = deliveriesOf(alerts)
  expect([...alerts.values()].map((id) => times.get(id) ?? 0).filter((n) => n !== 1)).toEqual([])
  const sentBy = workers.map((w) => (JSON.parse(w.output.find((line) => line.includes('"finished"'))!) as { sent: number; ms: number }))
  expect(sentBy[0]!.sent + sentBy[1]!.sent).toBe(parentsPerRun * 2)
  if (process.env.REPORT_FIGURES) process.stderr.write(`two processes (${database.dialect}): ${sentBy.map((s) => `${s.sent} in ${s.ms} ms`).join(', ')}\n`)
})
