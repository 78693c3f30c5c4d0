import { parseArgs } from 'node:util'

// What `npm run bench:lighthouse` is asked to do, and its figures as Markdown. Pure, so a unit test can hold the
// parsing and the table to their promises without starting a browser (scores are never asserted in npm test).

export const lighthouseUsage = 'usage: npm run bench:lighthouse -- [--port P] [--chrome-port P] [--out FILE] [--no-write] [--reports DIR]'

export interface LighthouseOptions {
  /** Where the app listens (the engineer's assigned port by default). */
  port: number
  /** Chromium's DevTools port, which chrome-launcher opens for Lighthouse. */
  chromePort: number
  /** Where the table is written; null with --no-write. */
  out: string | null
  /** Keep each page's whole Lighthouse report (JSON) in this folder, to read what cost the points. */
  reports: string | null
}

export class LighthouseOptionError extends Error {}

function portNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new LighthouseOptionError(`--${name} takes a port from 1 to 65535\n${lighthouseUsage}`)
  return value
}

export function parseLighthouseOptions(argv: readonly string[]): LighthouseOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        port: { type: 'string' },
        'chrome-port': { type: 'string' },
        out: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
        reports: { type: 'string' },
      },
    })
  } catch (error) {
    throw new LighthouseOptionError(`${(error as Error).message}\n${lighthouseUsage}`)
  }
  const v = parsed.values
  const port = portNumber('port', v.port, 3104)
  const chromePort = portNumber('chrome-port', v['chrome-port'], 3105)
  if (port === chromePort) throw new LighthouseOptionError(`--port and --chrome-port must differ\n${lighthouseUsage}`)
  return { port, chromePort, out: v['no-write'] ? null : (v.out ?? 'BENCHMARKS.md'), reports: v.reports ?? null }
}

/** The public pages the target names, each in English and in Spanish. */
export const publicPages = [
  { name: 'home', path: '/' },
  { name: 'how to pay', path: '/how-to-pay' },
  { name: 'sign in', path: '/sign-in' },
  { name: 'payoff calculator', path: '/payoff-calculator' },
] as const

export const categoryIds = ['performance', 'accessibility', 'best-practices', 'seo'] as const
export type CategoryId = (typeof categoryIds)[number]

export interface PageScores {
  page: string
  path: string
  /** 0 to 100, or null when Lighthouse could not score the category. */
  scores: Record<CategoryId, number | null>
  /** Milliseconds, except cumulative layout shift (unitless). */
  metrics: { fcpMs: number | null; lcpMs: number | null; tbtMs: number | null; cls: number | null }
  /** Weighted audits that did not pass, by category, with their score (0 to 100): what cost the points. */
  failing: Record<CategoryId, { title: string; score: number }[]>
  /** Lighthouse's own warnings about the run (e.g. the page was slow to settle). */
  warnings: string[]
}

export interface LighthouseRun {
  startedAt: Date
  machine: string
  commit: string
  lighthouseVersion: string
  chromiumVersion: string
  loadAverage: number[]
  pages: PageScores[]
}

const show = (n: number | null, digits = 0) => (n === null || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits))

/** The Markdown the run prints and writes: who measured what when, the table, then what cost the points. */
export function renderLighthouseTable(run: LighthouseRun): string {
  const lines: string[] = []
  lines.push(
    `Run ${run.startedAt.toISOString()} on ${run.machine}; commit ${run.commit}; Lighthouse ${run.lighthouseVersion}, ${run.chromiumVersion}, ` +
      "its default mobile settings (simulated slow 4G and a 4× slower CPU); `npm run bench:lighthouse`, the app built and started in production mode.",
  )
  lines.push(
    `Load average at the start: ${run.loadAverage.map((n) => n.toFixed(2)).join(', ')} (the machine is shared; a loaded CPU lowers ` +
      'performance through total blocking time and the observed timings the simulation starts from).',
  )
  lines.push('')
  lines.push('| page | performance | accessibility | best practices | SEO | FCP (ms) | LCP (ms) | TBT (ms) | CLS |')
  lines.push('|---|---|---|---|---|---|---|---|---|')
  for (const p of run.pages) {
    lines.push(
      `| ${p.page} \`${p.path}\` | ${show(p.scores.performance)} | ${show(p.scores.accessibility)} | ${show(p.scores['best-practices'])} | ` +
        `${show(p.scores.seo)} | ${show(p.metrics.fcpMs)} | ${show(p.metrics.lcpMs)} | ${show(p.metrics.tbtMs)} | ${show(p.metrics.cls, 3)} |`,
    )
  }
  // One line per audit, with each page it failed on and its score there, so a page-wide cause reads as one line.
  const costs = new Map<string, string[]>()
  for (const p of run.pages) {
    for (const category of categoryIds) {
      for (const audit of p.failing[category]) {
        const key = `${category}: ${audit.title}`
        costs.set(key, [...(costs.get(key) ?? []), `\`${p.path}\` ${audit.score}`])
      }
    }
  }
  lines.push('')
  if (costs.size === 0) lines.push('Every weighted audit passed on every page.')
  else {
    lines.push('Weighted audits that did not pass (what cost the points), with the audit\'s score on each page:')
    lines.push('')
    for (const [audit, where] of costs) lines.push(`- ${audit}: ${where.join(', ')}`)
  }
  const warnings = [...new Set(run.pages.flatMap((p) => p.warnings))]
  if (warnings.length > 0) {
    lines.push('')
    lines.push(`Lighthouse warned: ${warnings.join(' ')}`)
  }
  return lines.join('\n')
}

const begin = '<!-- lighthouse:begin (written by npm run bench:lighthouse; everything outside the markers is kept) -->'
const end = '<!-- lighthouse:end -->'

/** Puts the run between its own markers, under its own heading, replacing an earlier run; the rest of the file is kept. */
export function withLighthouseSection(existing: string, table: string): string {
  const section = `${begin}\n## Lighthouse (mobile, public pages)\n\n${table}\n${end}`
  const from = existing.indexOf(begin)
  const to = existing.indexOf(end)
  if (from >= 0 && to > from) return existing.slice(0, from) + section + existing.slice(to + end.length)
  return `${existing.trimEnd()}\n\n${section}\n`
}
