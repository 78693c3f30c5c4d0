import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { projectRoot } from '../server/config'

// `npm start` as an operator runs it: a real process, real port, real SQLite file.

interface Finished {
  code: number | null
  stderr: string
}

function startServer(env: Record<string, string>): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout!.resume()
  const finished = new Promise<Finished>((resolve) => child.on('exit', (code) => resolve({ code, stderr })))
  return { child, finished }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function waitForHealth(port: number, finished: Promise<Finished>): Promise<void> {
  const deadline = Date.now() + 60_000
  let exited = false
  void finished.then(() => (exited = true))
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(exited ? `server exited: ${(await finished).stderr}` : 'server did not become healthy')
}

describe('start-up', () => {
  it('starts on an empty SQLite file with demo data, serves both languages and stops cleanly on SIGTERM', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-start-'))
    const port = await freePort()
    const { child, finished } = startServer({ PORT: String(port), DATABASE_URL: `sqlite:${folder}/data/portal.db` })
    try {
      await waitForHealth(port, finished)
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200)
      const spanish = await (await fetch(`http://127.0.0.1:${port}/?lng=es`)).text()
      expect(spanish).toContain('<html lang="es">')
      expect(fs.existsSync(path.join(folder, 'data', 'portal.db'))).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
    expect((await finished).code).toBe(0)
    fs.rmSync(folder, { recursive: true, force: true })
  })

  it.each([
    ['a malformed DATABASE_URL', { DATABASE_URL: 'mysql://localhost/cases' }, /^cannot start: DATABASE_URL must start with sqlite: or postgres:\/\//],
    ['an unreachable PostgreSQL', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cases' }, /^cannot start: PostgreSQL database does not answer/],
    ['a data folder that cannot be written', { DATABASE_URL: 'sqlite:/dev/null/data/portal.db' }, /^cannot start: cannot write to the database folder \/dev\/null\/data/],
    ['production without secrets', { NODE_ENV: 'production' }, /^cannot start: SESSION_SECRET must be set/],
  ])('refuses %s in one line and exits non-zero', async (_what, env, message) => {
    const { finished } = startServer({ PORT: '0', ...env })
    const { code, stderr } = await finished
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(message)
  })
})
