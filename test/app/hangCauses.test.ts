import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { projectRoot } from '../../server/config'

// The two causes of the 300-second hang found after `kill -9` of `npm start` (issue 11), each as it happened, with
// real processes: a server whose standard output nobody reads must keep answering (its logs are written without
// blocking and dropped when the reader is stuck), and a server whose launcher was killed must stop and free its port
// instead of living on as an orphan.

jest.setTimeout(180_000)

const serverArgs = ['--import', 'tsx', 'server/main.ts']

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

async function waitUntil(check: () => Promise<boolean> | boolean, withinMs: number): Promise<boolean> {
  const giveUpAt = Date.now() + withinMs
  while (Date.now() < giveUpAt) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return false
}

const healthy = (port: number) => () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('the causes of the hang after kill -9', () => {
  let folder: string
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-hang-'))
  })
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

  it('keeps answering while nobody reads its log', async () => {
    const port = await freePort()
    const server = spawn(process.execPath, serverArgs, {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: String(port), DATABASE_URL: `sqlite:${folder}/stuck-log.db` },
      // Standard output is a pipe this test never reads: once the pipe's buffer is full, every write would block.
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    try {
      expect(await waitUntil(healthy(port), 90_000)).toBe(true)
      // Each request logs a line of about a kilobyte (the path); 400 of them are several times what a pipe holds.
      const longPath = `/no-such-page-${'x'.repeat(1_000)}`
      let answered = 0
      for (let i = 0; i < 400; i++) {
        const response = await fetch(`http://127.0.0.1:${port}${longPath}`, { signal: AbortSignal.timeout(10_000) })
        if (response.status === 404) answered += 1
        await response.arrayBuffer()
      }
      expect(answered).toBe(400)
    } finally {
      server.kill('SIGKILL')
    }
  })

  it('stops, and frees its port, when its launcher is killed', async () => {
    const port = await freePort()
    // The launcher plays npm's part: it starts the server, says its pid, and is then killed with -9.
    const launcherScript = `
      const { spawn } = require('node:child_process')
      const server = spawn(process.execPath, ${JSON.stringify(serverArgs)}, { stdio: 'ignore' })
      process.stdout.write(String(server.pid) + '\\n')
      setInterval(() => undefined, 1000)
    `
    const launcher = spawn(process.execPath, ['-e', launcherScript], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), DATABASE_URL: `sqlite:${folder}/orphan.db` },
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const serverPid = await new Promise<number>((resolve) => launcher.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))))
    try {
      expect(await waitUntil(healthy(port), 90_000)).toBe(true)
      launcher.kill('SIGKILL')
      expect(await waitUntil(() => !isRunning(serverPid), 15_000)).toBe(true)
      expect(await healthy(port)()).toBe(false)
    } finally {
      if (isRunning(serverPid)) process.kill(serverPid, 'SIGKILL')
      launcher.kill('SIGKILL')
    }
  })
})
