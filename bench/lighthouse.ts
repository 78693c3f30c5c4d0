import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { benchSsnHmacKey } from './benchDatabase'
import {
  categoryIds,
  type CategoryId,
  LighthouseOptionError,
  type PageScores,
  parseLighthouseOptions,
  publicPages,
  renderLighthouseTable,
  withLighthouseSection,
} from './lighthouseReport'
import { chromiumPath } from './pageWeight'
import { currentCommit, machineLine } from './report'
import { ensureBuilt, projectRoot, startApp, throwawaySecrets } from './servers'

// `npm run bench:lighthouse`: Lighthouse's default mobile run (performance, accessibility, best practices, SEO) on the
// public pages in English and Spanish, against the app built and started as `npm run bench` starts it (compiled,
// NODE_ENV=production). Lighthouse's own CLI drives the machine's Chromium through chrome-launcher (CHROME_PATH); it
// never downloads a browser. Public pages read no case data, so the app runs on a fresh SQLite file it migrates itself.

const log = (line: string) => process.stderr.write(`${line}\n`)
const lighthouseCli = path.join(projectRoot, 'node_modules', 'lighthouse', 'cli', 'index.js')
// The flags the brief and TOOLCHAIN.md give for this machine's Chromium (no GPU, no sandbox inside the container).
const chromeFlags = '--headless --no-sandbox --disable-gpu'

interface LighthouseResult {
  lighthouseVersion: string
  runtimeError?: { code: string; message: string }
  runWarnings?: string[]
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>
  audits: Record<string, { title: string; score: number | null; numericValue?: number } | undefined>
}

function runLighthouse(url: string, chromePort: number, outputPath: string): Promise<LighthouseResult> {
  const args = [
    lighthouseCli, url,
    '--output=json', `--output-path=${outputPath}`,
    `--only-categories=${categoryIds.join(',')}`,
    `--chrome-flags=${chromeFlags}`,
    `--port=${chromePort}`,
    '--quiet',
  ]
  const env = { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? chromiumPath }
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: projectRoot, env, timeout: 180_000, maxBuffer: 16 * 2 ** 20 }, (error, _stdout, stderr) => {
      if (error) return reject(new Error(`lighthouse ${url} failed: ${error.message}\n${stderr.slice(-2_000)}`))
      try {
        resolve(JSON.parse(fs.readFileSync(outputPath, 'utf8')) as LighthouseResult)
      } catch (readError) {
        reject(new Error(`lighthouse ${url}: no readable report at ${outputPath} (${(readError as Error).message})`))
      }
    })
  })
}

function scoresOf(page: string, pagePath: string, lhr: LighthouseResult): PageScores {
  if (lhr.runtimeError) throw new Error(`lighthouse ${pagePath}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  const scores = {} as Record<CategoryId, number | null>
  const failing = {} as PageScores['failing']
  for (const id of categoryIds) {
    const category = lhr.categories[id]
    scores[id] = category?.score === null || category?.score === undefined ? null : Math.round(category.score * 100)
    failing[id] = (category?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
      .map((audit) => ({ title: audit!.title, score: Math.round(audit!.score! * 100) }))
  }
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? null
  return {
    page,
    path: pagePath,
    scores,
    metrics: {
      fcpMs: numeric('first-contentful-paint'),
      lcpMs: numeric('largest-contentful-paint'),
      tbtMs: numeric('total-blocking-time'),
      cls: numeric('cumulative-layout-shift'),
    },
    failing,
    warnings: lhr.runWarnings ?? [],
  }
}

/**
 * Lighthouse now and then loses the page load's trace on this loaded machine (NO_NAVSTART, "Please run Lighthouse
 * again"): one more try, said aloud; a second failure ends the run.
 */
async function withOneRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt()
  } catch (error) {
    log(`  failed, trying once more: ${(error as Error).message.split('\n').find((line) => line.startsWith('Runtime error')) ?? (error as Error).message.split('\n')[0]}`)
    return attempt()
  }
}

/** Chromium's own account of its version (the user agent Lighthouse records is reduced to 156.0.0.0). */
function browserVersion(): string {
  try {
    return execFileSync(process.env.CHROME_PATH ?? chromiumPath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()
  } catch {
    return 'Chromium (version unknown)'
  }
}

async function main(): Promise<void> {
  const options = parseLighthouseOptions(process.argv.slice(2))
  const startedAt = new Date()
  const loadAverage = os.loadavg()
  ensureBuilt(log)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lighthouse-'))
  const reports = options.reports ? path.resolve(options.reports) : scratch
  fs.mkdirSync(reports, { recursive: true })
  const app = await startApp(options.port, `sqlite:${path.join(scratch, 'public-pages.db')}`, throwawaySecrets(benchSsnHmacKey))
  const pages: PageScores[] = []
  let lighthouseVersion = 'unknown'
  const chromiumVersion = browserVersion()
  try {
    log(`app ready in ${app.startMs.toFixed(0)} ms on port ${app.port}`)
    for (const { name, path: pagePath } of publicPages) {
      for (const language of ['en', 'es'] as const) {
        const target = language === 'en' ? pagePath : `${pagePath}?lng=es`
        const label = `${name} (${language === 'en' ? 'English' : 'Spanish'})`
        log(`lighthouse ${target} …`)
        const file = path.join(reports, `${name.replaceAll(' ', '-')}-${language}.json`)
        const lhr = await withOneRetry(() => runLighthouse(`http://127.0.0.1:${app.port}${target}`, options.chromePort, file))
        lighthouseVersion = lhr.lighthouseVersion
        const scores = scoresOf(label, target, lhr)
        pages.push(scores)
        log(`  ${categoryIds.map((id) => `${id} ${scores.scores[id] ?? 'n/a'}`).join(', ')}`)
      }
    }
  } finally {
    await app.stop()
    // The scratch folder holds the throwaway database (and the reports, unless --reports kept them elsewhere).
    fs.rmSync(scratch, { recursive: true, force: true })
  }
  const table = renderLighthouseTable({
    startedAt, machine: machineLine(), commit: currentCommit(projectRoot), lighthouseVersion, chromiumVersion, loadAverage, pages,
  })
  process.stdout.write(`${table}\n`)
  if (options.out) {
    const file = path.resolve(projectRoot, options.out)
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
    fs.writeFileSync(file, withLighthouseSection(existing, table))
    log(`written to ${path.relative(projectRoot, file)}`)
  }
  if (options.reports) log(`each page's whole report: ${reports}`)
}

main().catch((error: unknown) => {
  if (error instanceof LighthouseOptionError) {
    process.stderr.write(`${error.message}\n`)
    process.exit(2)
  }
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
