import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

import { projectRoot } from '../../server/config'
import { consolePaths } from '../../server/console/paths'
import { demoPersonas, demoStaff } from '../../server/demo/personas'
import { portalPaths } from '../../server/portal/paths'
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from '../helpers/testDatabase'

// Two real app processes (`server/main.ts`, each with its own pool) on one PostgreSQL database, as behind a load
// balancer: a session made on one is valid on the other, lockouts and rate limits count across both, and
// simultaneous claims of the callback queue have one winner each. The service-level claim race is in
// test/callbacks/concurrentClaims.test.ts; this is the same property through two processes' HTTP.

const skipReason = 'skipped: TEST_POSTGRES_URL is unset (the PostgreSQL pass of .ci/run sets it)'
if (!postgresAdminUrl) process.stdout.write(`two app processes on one PostgreSQL database: ${skipReason}\n`)
const describeOnPostgres = postgresAdminUrl ? describe : describe.skip

interface AppProcess {
  base: string
  child: ChildProcess
  exited: Promise<number | null>
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function startProcess(databaseUrl: string, rateLimits: string): Promise<AppProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), DATABASE_URL: databaseUrl, RATE_LIMITS: rateLimits },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline && child.exitCode === null) {
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) return { base, child, exited }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`app process did not become ready: ${stderr.slice(0, 500)}`)
}

/** A browser's cookie jar over plain fetch, so one session can be carried from one process to the other. */
class Browser {
  private cookies = new Map<string, string>()

  async get(url: string): Promise<{ status: number; text: string; location: string | null }> {
    return this.send(url, { method: 'GET' })
  }

  /** GETs the form page on `formBase` for its token, then posts to `postBase` (the same or the other process). */
  async submit(formBase: string, postBase: string, pathname: string, fields: Record<string, string>) {
    const page = await this.get(formBase + pathname)
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1]
    if (!token) throw new Error(`no CSRF token on ${pathname}: ${page.status}`)
    return this.post(postBase + pathname, { _csrf: token, ...fields })
  }

  async post(url: string, fields: Record<string, string>) {
    return this.send(url, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  }

  async token(url: string): Promise<string> {
    const page = await this.get(url)
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1]
    if (!token) throw new Error(`no CSRF token on ${url}`)
    return token
  }

  private async send(url: string, init: RequestInit) {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const [name, value] = pair!.split('=')
      this.cookies.set(name!, value ?? '')
    }
    return { status: response.status, text: await response.text(), location: response.headers.get('location') }
  }
}

describeOnPostgres('two app processes on one PostgreSQL database', () => {
  let database: TestDatabase
  let a: AppProcess
  let b: AppProcess
  const accountLimit = 12

  beforeAll(async () => {
    database = await createTestDatabase()
    const limits = `signInClient=100000/60,signInAccount=${accountLimit}/900,consoleClient=100000/60`
    ;[a, b] = await Promise.all([startProcess(database.url, limits), startProcess(database.url, limits)])
  }, 120_000)

  afterAll(async () => {
    for (const app of [a, b]) {
      if (app && app.child.exitCode === null) {
        app.child.kill('SIGTERM')
        await app.exited
      }
    }
    await database?.close()
  }, 30_000)

  it('a session made on one process is valid on the other, and signing out on the other ends it', async () => {
    const who = demoPersonas().find((p) => p.id === 'current-payer')!
    const browser = new Browser()
    const signedIn = await browser.submit(a.base, a.base, portalPaths.signIn, { username: who.web.username, password: who.web.password })
    expect(signedIn).toMatchObject({ status: 303, location: portalPaths.dashboard })
    expect((await browser.get(b.base + portalPaths.dashboard)).status).toBe(200)
    const token = await browser.token(b.base + portalPaths.dashboard)
    expect((await browser.post(b.base + portalPaths.signOut, { _csrf: token })).status).toBe(303)
    expect((await browser.get(a.base + portalPaths.dashboard)).status).toBe(303)
  })

  it('wrong passwords sent at once to both processes are all counted in one lockout; then the right one is refused', async () => {
    const who = demoPersonas().find((p) => p.id === 'coap-candidate')!
    const guesses = 10
    const browser = new Browser()
    const tokenA = await browser.token(a.base + portalPaths.signIn)
    const tokenB = await browser.token(b.base + portalPaths.signIn)
    const results = await Promise.all(
      Array.from({ length: guesses }, (_, i) =>
        browser.post((i % 2 ? b : a).base + portalPaths.signIn, { _csrf: i % 2 ? tokenB : tokenA, username: who.web.username, password: `wrong-${i}` }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(guesses).fill(400))
    const row = await database.db
      .selectFrom('accounts').innerJoin('participants', 'participants.id', 'accounts.participant_id')
      .select(['accounts.failed_attempts', 'accounts.locked_until']).where('participants.par_id', '=', who.phone.parId)
      .executeTakeFirstOrThrow()
    process.stdout.write(`two processes: ${guesses} wrong passwords at once across both, failed_attempts after = ${row.failed_attempts}\n`)
    expect(row.failed_attempts).toBe(guesses)
    expect(row.locked_until).not.toBeNull()
    const right = await browser.submit(b.base, b.base, portalPaths.signIn, { username: who.web.username, password: who.web.password })
    expect(right.status).toBe(400)
  })

  it('a rate limit counts the attempts made on both processes together', async () => {
    const browser = new Browser()
    const tokenA = await browser.token(a.base + portalPaths.signIn)
    const tokenB = await browser.token(b.base + portalPaths.signIn)
    const statuses: number[] = []
    for (let i = 0; i <= accountLimit; i++) {
      const on = i % 2 ? b : a
      statuses.push((await browser.post(on.base + portalPaths.signIn, { _csrf: i % 2 ? tokenB : tokenA, username: 'nobody.at.all', password: 'x' })).status)
    }
    expect(statuses.slice(0, accountLimit)).toEqual(Array(accountLimit).fill(400))
    expect(statuses[accountLimit]).toBe(429)
  })

  it('two representatives taking the next request at once, one on each process, never get the same one', async () => {
    const [garcia, nguyen] = demoStaff()
    const reps = [
      { browser: new Browser(), app: a, who: garcia! },
      { browser: new Browser(), app: b, who: nguyen! },
    ]
    for (const rep of reps) {
      const signedIn = await rep.browser.submit(rep.app.base, rep.app.base, consolePaths.signIn, { username: rep.who.username, password: rep.who.password })
      expect(signedIn.status).toBe(303)
    }
    const claimed: string[] = []
    for (let round = 0; round < 4; round++) {
      const tokens = await Promise.all(reps.map((rep) => rep.browser.token(rep.app.base + consolePaths.queue)))
      const answers = await Promise.all(reps.map((rep, i) => rep.browser.post(rep.app.base + consolePaths.claimNext, { _csrf: tokens[i]! })))
      for (const answer of answers) {
        expect(answer.status).toBe(303)
        const id = /^\/console\/callbacks\/(\d+)$/.exec(answer.location ?? '')?.[1]
        if (id) claimed.push(id)
      }
    }
    process.stdout.write(`two processes: ${claimed.length} requests claimed in 4 simultaneous rounds, ${new Set(claimed).size} distinct\n`)
    expect(claimed.length).toBeGreaterThanOrEqual(2)
    expect(new Set(claimed).size).toBe(claimed.length)
  })

  it('two representatives taking the next message at once, one on each process, never get the same one', async () => {
    // Parents write on process A; the messages wait in the same queue, under the same claims, as the callbacks.
    const writers = ['current-payer', 'spanish-speaker', 'both-roles', 'fee-paying-receiver'].map((id) => demoPersonas().find((p) => p.id === id)!)
    for (const writer of writers) {
      const browser = new Browser()
      expect((await browser.submit(a.base, a.base, portalPaths.signIn, { username: writer.web.username, password: writer.web.password })).status).toBe(303)
      for (const body of ['When is my next payment due?', 'Did you get my pay stubs?']) {
        const sent = await browser.submit(a.base, a.base, portalPaths.newMessage, { caseId: 'none', topic: 'payments', body })
        expect(sent.status).toBe(303)
      }
    }
    const [garcia, nguyen] = demoStaff()
    const reps = [
      { browser: new Browser(), app: a, who: garcia! },
      { browser: new Browser(), app: b, who: nguyen! },
    ]
    for (const rep of reps) {
      expect((await rep.browser.submit(rep.app.base, rep.app.base, consolePaths.signIn, { username: rep.who.username, password: rep.who.password })).status).toBe(303)
    }
    const claimed: string[] = []
    for (let round = 0; round < 4; round++) {
      const tokens = await Promise.all(reps.map((rep) => rep.browser.token(`${rep.app.base}${consolePaths.queue}?kind=message`)))
      const answers = await Promise.all(reps.map((rep, i) => rep.browser.post(rep.app.base + consolePaths.claimNext, { _csrf: tokens[i]!, kind: 'message', language: '', topic: '' })))
      for (const answer of answers) {
        expect(answer.status).toBe(303)
        const id = /^\/console\/messages\/(\d+)$/.exec(answer.location ?? '')?.[1]
        if (id) claimed.push(id)
      }
    }
    process.stdout.write(`two processes: ${claimed.length} messages claimed in 4 simultaneous rounds, ${new Set(claimed).size} distinct\n`)
    expect(claimed.length).toBeGreaterThanOrEqual(4)
    expect(new Set(claimed).size).toBe(claimed.length)
  })
})

if (!postgresAdminUrl) {
  describe('two app processes on one PostgreSQL database', () => {
    it.skip(skipReason, () => undefined)
  })
}
