import {
  LighthouseOptionError,
  type PageScores,
  parseLighthouseOptions,
  renderLighthouseTable,
  withLighthouseSection,
} from '../../bench/lighthouseReport'

// The Lighthouse bench's options and table, without a browser: no score is asserted here (they move with the machine).

describe('npm run bench:lighthouse options', () => {
  it('serves the app on 3104, lets Chromium use 3105 and writes into BENCHMARKS.md by default', () => {
    expect(parseLighthouseOptions([])).toEqual({ port: 3104, chromePort: 3105, out: 'BENCHMARKS.md', reports: null })
  })

  it('takes other ports, another file, --no-write and a folder for the whole reports', () => {
    expect(parseLighthouseOptions(['--port', '4000', '--chrome-port', '4001', '--no-write', '--reports', 'tmp/lh'])).toEqual({
      port: 4000, chromePort: 4001, out: null, reports: 'tmp/lh',
    })
    expect(parseLighthouseOptions(['--out', 'other.md']).out).toBe('other.md')
  })

  it.each([[['--port', '0']], [['--port', '70000']], [['--chrome-port', 'x']], [['--port', '3105']], [['--quick']]])(
    'refuses %j with the usage',
    (argv) => {
      expect(() => parseLighthouseOptions(argv)).toThrow(LighthouseOptionError)
      expect(() => parseLighthouseOptions(argv)).toThrow(/usage: npm run bench:lighthouse/)
    },
  )
})

const page = (path: string, overrides: Partial<PageScores> = {}): PageScores => ({
  page: `home ${path}`,
  path,
  scores: { performance: 97, accessibility: 100, 'best-practices': 100, seo: 90 },
  metrics: { fcpMs: 1496.4, lcpMs: 1646, tbtMs: 0, cls: 0.0172 },
  failing: { performance: [], accessibility: [], 'best-practices': [], seo: [{ title: 'Document does not have a meta description', score: 0 }] },
  warnings: [],
  ...overrides,
})

const run = (pages: PageScores[]) => ({
  startedAt: new Date('2026-12-02T05:12:32.529Z'),
  machine: '2 × CPU',
  commit: 'abc1234',
  lighthouseVersion: '12.8.2',
  chromiumVersion: 'Chromium 156',
  loadAverage: [10.234, 10.89, 10.7],
  pages,
})

describe('the Lighthouse table', () => {
  it('gives the machine, date, commit and load average, then one row per page with scores and metrics', () => {
    const table = renderLighthouseTable(run([page('/'), page('/?lng=es', { scores: { performance: null, accessibility: 98, 'best-practices': 92, seo: 100 } })]))
    expect(table).toContain('Run 2026-12-02T05:12:32.529Z on 2 × CPU; commit abc1234; Lighthouse 12.8.2, Chromium 156')
    expect(table).toContain('Load average at the start: 10.23, 10.89, 10.70')
    expect(table).toContain('| home / `/` | 97 | 100 | 100 | 90 | 1496 | 1646 | 0 | 0.017 |')
    expect(table).toContain('| home /?lng=es `/?lng=es` | n/a | 98 | 92 | 100 |')
  })

  it('names each failing audit once, with every page it failed on and its score there', () => {
    const slow = page('/how-to-pay', {
      failing: {
        performance: [{ title: 'Total Blocking Time', score: 79 }],
        accessibility: [],
        'best-practices': [],
        seo: [{ title: 'Document does not have a meta description', score: 0 }],
      },
    })
    const table = renderLighthouseTable(run([page('/'), slow]))
    expect(table).toContain('- seo: Document does not have a meta description: `/` 0, `/how-to-pay` 0')
    expect(table).toContain('- performance: Total Blocking Time: `/how-to-pay` 79')
  })

  it('says so when every weighted audit passed', () => {
    const clean = page('/', { failing: { performance: [], accessibility: [], 'best-practices': [], seo: [] } })
    expect(renderLighthouseTable(run([clean]))).toContain('Every weighted audit passed on every page.')
  })
})

describe('the Lighthouse section of BENCHMARKS.md', () => {
  it('is added under its own heading, keeping the file, and replaces an earlier run in place', () => {
    const original = '# Benchmarks\n\nkept by hand\n'
    const first = withLighthouseSection(original, 'first table')
    expect(first).toContain('kept by hand')
    expect(first).toContain('## Lighthouse (mobile, public pages)\n\nfirst table')
    const second = withLighthouseSection(`${first}\nafter the section\n`, 'second table')
    expect(second).not.toContain('first table')
    expect(second).toContain('second table')
    expect(second).toContain('after the section')
    expect(second.match(/## Lighthouse/g)).toHaveLength(1)
  })
})
