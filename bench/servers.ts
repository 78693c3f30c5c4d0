import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

// The two processes a bench run drives: the app as an operator runs it (compiled, NODE_ENV=production, throwaway
// secrets in its own environment, demo data off) and a bare Express 5 hello-world as the baseline. Each is its own
// process, so neither shares an event loop with the load generator.

export const projectRoot = path.resolve(__dirname, '..')
const compiledMain = path.join(projectRoot, 'dist', 'server', 'main.js')

export interface RunningServer {
  name: string
  port: number
  process: ChildProcess
  /** Milliseconds from spawn to the first 200 from its readiness URL. */
  startMs: number
  /** Peak resident set so far, in MiB (Linux VmHWM; the current RSS elsewhere). */
  peakRssMiB(): number
  /** CPU time the process has used so far (user + system), in ms; NaN where /proc cannot say. */
  cpuMs(): number
  stop(): Promise<void>
}

/** The newest modification time of any file under the folders the build compiles. */
function newestSource(folders: string[]): number {
  let newest = 0
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs)
    }
  }
  for (const folder of folders) walk(path.join(projectRoot, folder))
  return newest
}

/** Compiles to dist/ (as the Dockerfile does) when the build is missing or older than the sources; then compresses the static files. */
export function ensureBuilt(log: (line: string) => void): void {
  const built = fs.existsSync(compiledMain) ? fs.statSync(compiledMain).mtimeMs : 0
  if (built < newestSource(['server', 'ivr'])) compile(log)
  // As `npm run build` ends: the static files at their best compression (a second or two; always, as assets change
  // without any .ts file changing).
  const precompressed = execFileSync(process.execPath, [path.join(projectRoot, 'dist', 'server', 'staticAssets', 'precompressCommand.js')], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  log(precompressed.toString().trim())
}

function compile(log: (line: string) => void): void {
  log('building dist/ (npm run build) …')
  const started = performance.now()
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: projectRoot,
    stdio: 'inherit',
  })
  // tsc leaves an unchanged output file alone; touch the entry point so the next run sees a fresh build.
  const now = new Date()
  fs.utimesSync(compiledMain, now, now)
  log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

function peakRssOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1])
    return kib / 1024
  } catch {
    return Number.NaN
  }
}

// The kernel counts a process's CPU time in clock ticks (USER_HZ, 100 a second on Linux unless getconf says otherwise).
let ticksPerSecond: number | undefined
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** utime + stime of a process from /proc/PID/stat, in ms (fields 14 and 15; the name in field 2 may hold spaces). */
export function cpuMsFromStat(stat: string, ticks: number): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (the state), so utime (field 14) is fields[11] and stime (field 15) fields[12].
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks
}

function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN
  try {
    return cpuMsFromStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'), clockTicksPerSecond())
  } catch {
    return Number.NaN
  }
}

async function waitForReady(url: string, child: ChildProcess, started: number, timeoutMs: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode} before it was ready`)
    try {
      const response = await fetch(url)
      if (response.ok) return performance.now() - started
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.once('exit', () => {
        clearTimeout(force)
        resolve()
      })
      child.kill('SIGTERM')
    })
}

async function launch(name: string, port: number, args: string[], env: NodeJS.ProcessEnv, readyPath: string): Promise<RunningServer> {
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000)
  })
  try {
    const startMs = await waitForReady(`http://127.0.0.1:${port}${readyPath}`, child, started, 60_000)
    return {
      name,
      port,
      process: child,
      startMs,
      peakRssMiB: () => peakRssOf(child.pid),
      cpuMs: () => cpuMsOf(child.pid),
      stop: stopper(child),
    }
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${stderr}`)
  }
}

export interface AppSecrets {
  sessionSecret: string
  twilioAuthToken: string
  ssnHmacKey: string
}

/** Fresh for every run: nothing a bench run uses is a real secret. */
export function throwawaySecrets(ssnHmacKey: string): AppSecrets {
  return { sessionSecret: randomBytes(32).toString('hex'), twilioAuthToken: randomBytes(16).toString('hex'), ssnHmacKey }
}

/**
 * V8's heap sizing, as `npm start` and the Dockerfile run the app (a test holds the three to the same flags). Left to
 * itself, V8 grew the heap to three or four times what the app holds (about 45 MiB) under load, and the young
 * generation to 32 MiB: peak RSS 309 MiB. The heap now grows by half of what survives a full collection, and each
 * semi-space stops at 8 MiB (BENCHMARKS.md, fix 10).
 */
export const appNodeFlags = ['--max-semi-space-size=8', '--heap-growing-percent=50']

export function startApp(port: number, databaseUrl: string, secrets: AppSecrets, profileDir: string | null = null): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: secrets.sessionSecret,
    SSN_HMAC_KEY: secrets.ssnHmacKey,
    TWILIO_AUTH_TOKEN: secrets.twilioAuthToken,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    DEMO_DATA: 'off',
  }
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []
  return launch('app', port, [...appNodeFlags, ...profile, compiledMain], env, '/readyz')
}

// The baseline: the least an Express 5 app can do per request, on the same Node and the same machine.
const helloWorld = `
const express = require('express')
const app = express()
app.get('/', (_req, res) => { res.send('Hello World!') })
app.listen(Number(process.env.PORT))
`

export function startBaseline(port: number): Promise<RunningServer> {
  return launch('bare Express', port, ['-e', helloWorld], { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port) }, '/')
}
