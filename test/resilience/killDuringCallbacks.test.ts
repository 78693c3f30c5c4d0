import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { Client } from 'pg'

import { projectRoot } from '../../server/config'
import { openDatabase } from '../../server/db/connection'
import { parseDatabaseUrl } from '../../server/db/dialect'
import { activatedPersonas } from '../portal/portalTestApp'
import { postgresAdminUrl } from '../helpers/testDatabase'

// SIGKILL in the middle of a burst of callback requests (issue 11): the real app process, parents posting the
// callback form at once; every request the app acknowledged (303 to its confirmation code) must be in the database
// after the process is killed and started again. On a SQLite file, and on PostgreSQL when TEST_POSTGRES_URL is set.

jest.setTimeout(240_000)

const topics = ['balance', 'payments', 'license', 'order_change', 'documents', 'court', 'other']
const burstLimits = 'signInClient=1000/900,callbackClient=1000/3600,callbackAccount=1000/3600'

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function startApp(port: number, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    // Every parent here shares one address: the per-client limits are raised so that the burst meets the database,
    // not the limiter (at the default, ten of the forty-two requests would be the only ones taken).
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), DATABASE_URL: databaseUrl, RATE_LIMITS: burstLimits },
    stdio: 'ignore',
  })
}

async function waitForHealth(base: string): Promise<void> {
  const giveUpAt = Date.now() + 120_000
  while (Date.now() < giveUpAt) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error('the app did not become healthy')
}

/** A parent's browser: cookies kept, redirects not followed. */
class Browser {
  private cookies = new Map<string, string>()
  constructor(private readonly base: string) {}

  async fetch(pathname: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.base}${pathname}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
      signal: AbortSignal.timeout(15_000),
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return response
  }

  async token(pathname: string): Promise<string> {
    const html = await (await this.fetch(pathname)).text()
    return /name="_csrf" value="([^"]+)"/.exec(html)![1]!
  }
}

async function withDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (label === 'sqlite') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-kill-'))
    return { url: `sqlite:${folder}/portal.db`, drop: async () => fs.rmSync(folder, { recursive: true, force: true }) }
  }
  const name = `cs_kill_${randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(postgresAdminUrl!)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  }
}

const dialects = postgresAdminUrl ? ['sqlite', 'postgres'] : ['sqlite']

describe.each(dialects)('SIGKILL during a burst of callback requests (%s)', (label) => {
  it('keeps every request the app acknowledged', async () => {
    const database = await withDatabase(label)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    let app = startApp(port, database.url)
    try {
      await waitForHealth(base)
      const parents = activatedPersonas.slice(0, 6)
      const browsers = await Promise.all(
        parents.map(async (parent) => {
          const browser = new Browser(base)
          const token = await browser.token('/sign-in')
          const signedIn = await browser.fetch('/sign-in', { _csrf: token, username: parent.web.username, password: parent.web.password })
          expect(signedIn.status).toBe(303)
          return { browser, token: await browser.token('/account/callbacks/new') }
        }),
      )

      // Every parent sends one request per topic, all at once; the process is killed once a few have been answered.
      const acknowledged: string[] = []
      let limited = 0
      let killed = false
      const killAfter = 20
      const burst = browsers.flatMap(({ browser, token }) =>
        topics.map(async (topic) => {
          const response = await browser
            .fetch('/account/callbacks/new', { _csrf: token, caseId: 'none', topic, phone: '(916) 555-0150', window: 'morning', language: 'en' })
            .catch(() => null)
          const code = response?.status === 303 ? /\/account\/callbacks\/([A-Z0-9]+)/.exec(response.headers.get('location') ?? '')?.[1] : undefined
          if (code) acknowledged.push(code)
          if (response?.status === 429) limited += 1
          if (!killed && acknowledged.length >= killAfter) {
            killed = true
            app.kill('SIGKILL')
          }
        }),
      )
      await Promise.all(burst)
      if (!killed) app.kill('SIGKILL')
      await new Promise((resolve) => (app.exitCode !== null || app.signalCode !== null ? resolve(null) : app.once('exit', resolve)))

      app = startApp(port, database.url)
      await waitForHealth(base)
      const handle = openDatabase(parseDatabaseUrl(database.url))
      try {
        const rows = await handle.db.selectFrom('callbacks').select('confirmation_code').where('confirmation_code', 'in', acknowledged).execute()
        const found = new Set(rows.map((row) => row.confirmation_code))
        process.stdout.write(`${label}: ${acknowledged.length} acknowledged of ${browsers.length * topics.length} sent, ${found.size} found after SIGKILL\n`)
        expect(limited).toBe(0)
        expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter)
        expect(acknowledged.filter((code) => !found.has(code))).toEqual([])
      } finally {
        await handle.close()
      }
    } finally {
      app.kill('SIGTERM')
      await new Promise((resolve) => (app.exitCode !== null || app.signalCode !== null ? resolve(null) : app.once('exit', resolve)))
      await database.drop()
    }
  })
})
