import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

import type { RoundResult } from './load'
import type { PageWeight } from './pageWeight'

// The run's figures as a Markdown section: printed, and written into BENCHMARKS.md between markers so the fixes'
// history kept in the same file (written by hand) survives every run.

export interface ScenarioFigures {
  name: string
  saturation: RoundResult
  /** The baseline's round run just before this scenario's saturation round. */
  baseline: RoundResult
  steady: RoundResult
  /**
   * The app's CPU time (user + system) over its saturation round, divided by the requests answered in it: the work one
   * request costs, which moves far less than requests/s with whatever else the machine runs.
   */
  cpuMsPerRequest: number
  /** The same for bare Express over its round. */
  baselineCpuMsPerRequest: number
}

export interface RunFigures {
  startedAt: Date
  commit: string
  options: string
  database: string
  cases: number
  startToReadyMs: number
  peakRssMiB: number
  baselineStartMs: number
  scenarios: ScenarioFigures[]
  pages: PageWeight[]
  loadAverage: number[]
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')

export function currentCommit(cwd: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd }).toString().trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd }).toString().trim()
    return dirty ? `${sha} (with uncommitted changes)` : sha
  } catch {
    return 'unknown'
  }
}

export function machineLine(): string {
  const cpus = os.cpus()
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`
}

export function renderReport(f: RunFigures): string {
  const lines: string[] = []
  lines.push(`Run ${f.startedAt.toISOString()} on ${machineLine()}; commit ${f.commit}; \`npm run bench${f.options ? ` -- ${f.options}` : ''}\`.`)
  lines.push(
    `Database: ${f.database}, ${f.cases.toLocaleString('en-US')} cases. Load average at the start: ${f.loadAverage.map((n) => n.toFixed(2)).join(', ')} ` +
      '(the machine is shared: compare ratios within one run, not requests/s across runs).',
  )
  lines.push('')
  lines.push('| what | req/s at saturation | bare Express in the round before | ratio | p50 / p99 at saturation (ms) | p50 / p99 at steady rate (ms) | steady req/s | errors | CPU per request, app / bare Express (ms) |')
  lines.push('|---|---|---|---|---|---|---|---|---|')
  for (const s of f.scenarios) {
    const ratio = s.saturation.requestsPerSecond / s.baseline.requestsPerSecond
    lines.push(
      `| ${s.name} | ${fixed(s.saturation.requestsPerSecond)} | ${fixed(s.baseline.requestsPerSecond)} | ${fixed(ratio, 3)} | ` +
        `${fixed(s.saturation.p50Ms)} / ${fixed(s.saturation.p99Ms)} | ${fixed(s.steady.p50Ms)} / ${fixed(s.steady.p99Ms)} | ` +
        `${fixed(s.steady.requestsPerSecond)} | ${s.saturation.errors + s.steady.errors} | ${fixed(s.cpuMsPerRequest, 2)} / ${fixed(s.baselineCpuMsPerRequest, 3)} |`,
    )
  }
  lines.push('')
  lines.push(`Start to \`/readyz\`: ${fixed(f.startToReadyMs)} ms (bare Express to its first answer: ${fixed(f.baselineStartMs)} ms). Peak RSS of the app over the run: ${fixed(f.peakRssMiB)} MiB.`)
  lines.push('')
  lines.push('| page (compressed, everything it loads) | total | HTML | CSS | scripts | fonts | images | files | found by |')
  lines.push('|---|---|---|---|---|---|---|---|---|')
  for (const p of f.pages) {
    lines.push(
      `| \`${p.path}\` | ${kib(p.totalBytes)} | ${kib(p.byKind.html)} | ${kib(p.byKind.css)} | ${kib(p.byKind.js)} | ${kib(p.byKind.font)} | ` +
        `${kib(p.byKind.image)} | ${p.transfers.length} | ${p.discoveredBy} |`,
    )
  }
  return lines.join('\n')
}

const begin = '<!-- bench:begin (written by npm run bench; everything outside the markers is kept) -->'
const end = '<!-- bench:end -->'

/** Puts the latest run between the markers, keeping the rest of the file (the fixes and their before/after). */
export function writeReport(file: string, report: string): void {
  const section = `${begin}\n## Latest run\n\n${report}\n${end}`
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n'
  const from = existing.indexOf(begin)
  const to = existing.indexOf(end)
  const next = from >= 0 && to > from ? existing.slice(0, from) + section + existing.slice(to + end.length) : `${existing.trimEnd()}\n\n${section}\n`
  fs.writeFileSync(file, next)
}
