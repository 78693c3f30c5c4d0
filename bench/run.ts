import { createHash } from 'node:crypto'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { sql } from 'kysely'

import { pendingStatuses } from '../server/callbacks/callbackRecord'
import { openDatabase } from '../server/db/connection'
import { parseDatabaseUrl } from '../server/db/dialect'
import { demoPersonas, demoStaff } from '../server/demo/personas'
import { SYNTHETIC_PASSWORD, SYNTHETIC_PIN } from '../server/demo/seedDatabase'
import { prepareBenchDatabase } from './benchDatabase'
import { runRound } from './load'
import { BenchOptionError, parseBenchOptions } from './options'
import { measurePage } from './pageWeight'
import { currentCommit, renderReport, type RunFigures, type ScenarioFigures, writeReport } from './report'
import { type Cast, callbackPostersNeeded, scenarios } from './scenarios'
import { ensureBuilt, projectRoot, type RunningServer, startApp, startBaseline, throwawaySecrets } from './servers'
import { benchSsnHmacKey } from './benchDatabase'
import { callToBalance, clientAddressOf, proxyHeaders, signIn, type WebSession } from './visitors'

// `npm run bench [-- --quick] [--cases N] [--database postgres://…]`: what users feel, over HTTP. Starts the app as an
// operator runs it and, in the same run, a bare Express 5 hello-world as the baseline; drives each page and webhook
// with autocannon at saturation (right after a baseline round, so each ratio compares two adjacent rounds) and at a
// steady rate; weighs each page; writes BENCHMARKS.md and prints the table. The in-process query timings of the
// earlier bench live on as `npm run bench:queries`.

const log = (line: string) => process.stderr.write(`bench: ${line}\n`)

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let i = 0; i < items.length; i += width) {
    results.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))))
  }
  return results
}

interface Caller {
  username: string
  participantId: number
  parId: string
  phone: string
}

/**
 * Synthetic parents with an account, spread over the whole caseload (not just the first cases written): every so
 * many accounts, from the `residue`-th, so two lists taken with different residues hardly meet.
 */
async function syntheticCallers(url: string, count: number, residue = 0): Promise<Caller[]> {
  const handle = openDatabase(parseDatabaseUrl(url))
  try {
    const accounts = await handle.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', 'like', 'p%')
      .executeTakeFirst()
    const every = Math.max(1, Math.floor(Number(accounts?.n ?? 0) / count / 2))
    const rows = await handle.db
      .selectFrom('accounts')
      .innerJoin('participants', 'participants.id', 'accounts.participant_id')
      .select(['accounts.username', 'accounts.participant_id', 'participants.par_id', 'participants.phone_primary'])
      .where('accounts.username', 'like', 'p%')
      .where('accounts.activated_at', 'is not', null)
      .where(sql<boolean>`accounts.participant_id % ${every} = ${residue % every}`)
      .orderBy('accounts.participant_id')
      .limit(count)
      .execute()
    return rows.map((r) => ({
      username: r.username ?? '',
      participantId: Number(r.participant_id),
      parId: r.par_id,
      phone: r.phone_primary ?? '+19165550000',
    }))
  } finally {
    await handle.close()
  }
}

/** The client address a callback poster's requests come from: its own, apart from the other visitors'. */
const posterAddress = (i: number) => clientAddressOf(3_000 + i)

/**
 * The callback scenario's parents, signed in, each as a parent who has not asked for a callback in the last hour:
 * what an earlier run left (their requests still waiting, the portal's count of their posts and of their addresses'
 * posts, kept an hour) is cleared first, as if the runs were an hour apart. Without it a second run within the hour
 * would measure the 429 page, and the confirmation of a request already waiting instead of a new one.
 */
async function callbackPosters(base: string, url: string, count: number, callers: Caller[]): Promise<Cast['callbackParents']> {
  const taken = new Set(callers.map((c) => c.username))
  const posters = (await syntheticCallers(url, count + callers.length, 1)).filter((c) => !taken.has(c.username)).slice(0, count)
  if (posters.length < count) log(`only ${posters.length} parents to ask for callbacks, ${count} wanted`)
  // The rate_limits table keeps a digest of each key (digestOf in server/rateLimits/attemptLimits.ts).
  const digest = (key: string) => createHash('sha256').update(key.trim().toLowerCase()).digest('base64url')
  const handle = openDatabase(parseDatabaseUrl(url))
  try {
    const ids = posters.map((p) => p.participantId)
    const now = new Date().toISOString()
    await handle.db
      .updateTable('callbacks')
      .set({ status: 'cancelled', closed_at: now, updated_at: now, next_attempt_after: null })
      .where('participant_id', 'in', ids)
      .where('status', 'in', [...pendingStatuses])
      .execute()
    const keys = [...ids.map((id) => `callbackAccount:${digest(String(id))}`), ...posters.map((_, i) => `callbackClient:${digest(posterAddress(i))}`)]
    await handle.db.deleteFrom('rate_limits').where('key', 'in', keys).execute()
  } finally {
    await handle.close()
  }
  const sessions = await inBatches(posters, 4, (p, i) =>
    signIn(base, { signIn: '/sign-in', landing: '/account' }, { username: p.username, password: SYNTHETIC_PASSWORD }, posterAddress(i)),
  )
  return sessions.flatMap((session) => (session.caseIds[0] === undefined ? [] : [{ session, caseId: session.caseIds[0] }]))
}

async function signInCast(base: string, callers: Caller[]): Promise<Omit<Cast, 'signer' | 'menuCalls' | 'callbackParents'>> {
  // Demo parents with two cases (one paying, one receiving, or two as payer) and years of history, then synthetic ones.
  const twoCaseParents = demoPersonas().filter((p) => p.cases.length >= 2 && p.activation.activated)
  const credentials = [
    ...twoCaseParents.map((p) => p.web),
    ...callers.map((c) => ({ username: c.username, password: SYNTHETIC_PASSWORD })),
  ]
  const parents = await inBatches(credentials, 4, (c, i) =>
    signIn(base, { signIn: '/sign-in', landing: '/account' }, c, clientAddressOf(1_000 + i)),
  )
  const reps = demoStaff().filter((s) => s.role === 'rep')
  const repSessions: WebSession[] = await inBatches(reps, 2, (s, i) =>
    signIn(base, { signIn: '/console/sign-in', landing: '/console/queue' }, { username: s.username, password: s.password }, clientAddressOf(2_000 + i)),
  )
  const parentCases = parents.flatMap((session) => session.caseIds.map((caseId) => ({ session, caseId })))
  return { parents, parentCases, reps: repSessions }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2))
  const startedAt = new Date()
  const loadAverage = os.loadavg()
  ensureBuilt(log)
  const database = await prepareBenchDatabase(options, log)
  const callers = await syntheticCallers(database.url, options.quick ? 40 : 150)
  if (callers.length < 10) throw new Error('the database holds too few synthetic parents with an account; seed more cases')

  const secrets = throwawaySecrets(benchSsnHmacKey)
  const servers: RunningServer[] = []
  try {
    const app = await startApp(await freePort(), database.url, secrets, options.profile && path.resolve(options.profile))
    servers.push(app)
    log(`app ready in ${app.startMs.toFixed(0)} ms`)
    const baseline = await startBaseline(await freePort())
    servers.push(baseline)
    const appUrl = `http://127.0.0.1:${app.port}`
    const baselineUrl = `http://127.0.0.1:${baseline.port}`

    log('signing in parents and representatives …')
    const people = await signInCast(appUrl, callers)
    const cast: Cast = { ...people, signer: { baseUrl: appUrl, authToken: secrets.twilioAuthToken }, menuCalls: [], callbackParents: [] }
    log(`${cast.parents.length} parents (${cast.parentCases.length} cases), ${cast.reps.length} representatives`)

    const list = scenarios(cast).filter((s) => !options.only || s.name.includes(options.only))
    const pages = []
    for (const s of list) {
      if (!s.page) continue
      const headers = s.page.session ? { ...proxyHeaders(s.page.session.clientAddress), cookie: s.page.session.cookie } : proxyHeaders('10.9.9.9')
      pages.push(await measurePage(appUrl, s.page.path, headers))
    }

    const baselineTarget = { request: () => ({ method: 'GET' as const, path: '/', headers: {} }), accept: (status: number) => status === 200 }
    const saturation = { connections: options.connections, seconds: options.seconds }
    const steady = { connections: 10, seconds: options.seconds, rate: options.rate }
    const figures: ScenarioFigures[] = []
    let firstWebhookRate = 0
    for (const s of list) {
      if (s.name.startsWith('phone: mid-call')) {
        // Each call takes at most 80 webhooks before the line ends it politely; bring enough calls to the menu.
        const expected = Math.max(firstWebhookRate, 500) * 1.5 * (options.seconds + 1) + options.rate * options.seconds
        const needed = Math.ceil(expected / 60) + 5
        log(`bringing ${needed} calls to the balance …`)
        cast.menuCalls = await inBatches(Array.from({ length: needed }, (_, i) => callers[i % callers.length]!), 8, async (c) => ({
          callSid: await callToBalance(cast.signer, { parId: c.parId, pin: SYNTHETIC_PIN, from: c.phone }),
          from: c.phone,
        }))
      }
      if (s.name.startsWith('callback request')) {
        const needed = callbackPostersNeeded(options)
        log(`signing in ${needed} parents to ask for callbacks …`)
        cast.callbackParents = await callbackPosters(appUrl, database.url, needed, callers)
      }
      log(`${s.name} …`)
      await runRound(appUrl, s.target, { connections: 10, seconds: 1 }) // warm-up, not reported
      const baselineCpuBefore = baseline.cpuMs()
      const base = await runRound(baselineUrl, baselineTarget, saturation)
      const baselineCpuMsPerRequest = (baseline.cpuMs() - baselineCpuBefore) / Math.max(1, base.requests)
      const cpuBefore = app.cpuMs()
      const sat = await runRound(appUrl, s.target, saturation)
      const cpuMsPerRequest = (app.cpuMs() - cpuBefore) / Math.max(1, sat.requests)
      const slow = await runRound(appUrl, s.target, steady)
      if (s.name === 'phone: first webhook') firstWebhookRate = sat.requestsPerSecond
      figures.push({ name: s.name, saturation: sat, baseline: base, steady: slow, cpuMsPerRequest, baselineCpuMsPerRequest })
    }

    const run: RunFigures = {
      startedAt,
      commit: currentCommit(projectRoot),
      options: process.argv.slice(2).join(' '),
      database: database.url.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL',
      cases: database.cases,
      startToReadyMs: app.startMs,
      peakRssMiB: app.peakRssMiB(),
      baselineStartMs: baseline.startMs,
      scenarios: figures,
      pages,
      loadAverage,
    }
    const report = renderReport(run)
    process.stdout.write(`${report}\n`)
    if (options.out) {
      writeReport(path.resolve(projectRoot, options.out), report)
      log(`written to ${options.out}`)
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error instanceof BenchOptionError ? error.message : (error.stack ?? error.message)}\n`)
  process.exit(1)
})
