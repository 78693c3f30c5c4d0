import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'

import { BenchOptionError, parseBenchOptions } from '../../bench/options'
import { kindOf, linkedUrls, measureTransfer, summarise } from '../../bench/pageWeight'
import { cpuMsFromStat } from '../../bench/servers'

// The bench's own arithmetic, without timing anything: its options, and the compressed-bytes figure of a page.

describe('npm run bench options', () => {
  it('measures 5,000 cases on SQLite at 50 connections and 200 requests/s by default, into BENCHMARKS.md', () => {
    expect(parseBenchOptions([])).toEqual({
      quick: false, cases: 5_000, database: 'sqlite', seconds: 8, connections: 50, rate: 200, out: 'BENCHMARKS.md', profile: null, only: null,
    })
  })

  it('--quick shortens the rounds and the caseload', () => {
    const options = parseBenchOptions(['--quick'])
    expect(options).toMatchObject({ quick: true, cases: 1_000, seconds: 2 })
  })

  it('takes a million cases written with separators, and a PostgreSQL database', () => {
    const options = parseBenchOptions(['--cases', '1_000_000', '--database', 'postgres://postgres@127.0.0.1:5432/bench', '--no-write'])
    expect(options).toMatchObject({ cases: 1_000_000, database: 'postgres://postgres@127.0.0.1:5432/bench', out: null })
  })

  it.each([
    [['--cases', '0']],
    [['--cases', 'many']],
    [['--seconds', '1.5']],
    [['--database', 'mysql://x']],
    [['--unknown']],
  ])('refuses %j with the usage', (argv) => {
    expect(() => parseBenchOptions(argv)).toThrow(BenchOptionError)
    expect(() => parseBenchOptions(argv)).toThrow(/usage: npm run bench/)
  })
})

describe('page weight', () => {
  let server: http.Server
  let base: string
  const css = 'body { color: black; }\n'.repeat(500)

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const accepts = String(req.headers['accept-encoding'] ?? '')
      if (req.url === '/site.css' && accepts.includes('br')) {
        res.writeHead(200, { 'content-type': 'text/css', 'content-encoding': 'br' })
        res.end(zlib.brotliCompressSync(css))
      } else {
        res.writeHead(200, { 'content-type': 'font/woff2' })
        res.end(Buffer.alloc(1234))
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('counts the bytes as sent, compressed, asking for brotli as a browser on HTTPS does', async () => {
    const sheet = await measureTransfer(`${base}/site.css`, {})
    expect(sheet.encoding).toBe('br')
    expect(sheet.bytes).toBe(zlib.brotliCompressSync(css).length)
    expect(sheet.rawBytes).toBe(Buffer.byteLength(css))
    expect(sheet.kind).toBe('css')
    const font = await measureTransfer(`${base}/font.woff2`, {})
    expect(font).toMatchObject({ bytes: 1234, rawBytes: 1234, encoding: null, kind: 'font' })
  })

  it('adds every file of a page into the total and into its kind', () => {
    const weight = summarise('/', [
      { url: 'http://x/', kind: 'html', bytes: 1000, rawBytes: 4000, encoding: 'br' },
      { url: 'http://x/a.css', kind: 'css', bytes: 2000, rawBytes: 9000, encoding: 'br' },
      { url: 'http://x/b.css', kind: 'css', bytes: 500, rawBytes: 900, encoding: 'gzip' },
      { url: 'http://x/f.woff2', kind: 'font', bytes: 300, rawBytes: 300, encoding: null },
    ], 'html')
    expect(weight.totalBytes).toBe(3800)
    expect(weight.byKind).toEqual({ html: 1000, css: 2500, js: 0, font: 300, image: 0, other: 0 })
  })

  it('finds the stylesheets, scripts, preloaded fonts, icons and images a page links to', () => {
    const html = `<link rel="stylesheet" href="/assets/app.css"><link rel="preload" as="font" href="/f.woff2" crossorigin>
      <link rel="icon" href="/favicon.ico"><link rel="canonical" href="/elsewhere"><script src="/app.js"></script><img src="/logo.svg" alt="">`
    expect(linkedUrls(html, 'http://x/page')).toEqual([
      'http://x/assets/app.css', 'http://x/f.woff2', 'http://x/favicon.ico', 'http://x/app.js', 'http://x/logo.svg',
    ])
  })

  it('knows a file by its type, or by its name when the type says nothing', () => {
    expect(kindOf('http://x/a', 'text/html; charset=utf-8')).toBe('html')
    expect(kindOf('http://x/a.js?v=1', null)).toBe('js')
    expect(kindOf('http://x/f.woff2', 'application/octet-stream')).toBe('font')
    expect(kindOf('http://x/i.svg', null)).toBe('image')
  })
})

describe('the CPU time of a process, from /proc/PID/stat', () => {
  it('adds user and system time (fields 14 and 15) and turns clock ticks into ms, whatever the process is called', () => {
    const fields = ['S', '1', '2', '3', '0', '-1', '4194560', '100', '0', '0', '0', '1234', '56', '0', '0', '20', '0', '11']
    expect(cpuMsFromStat(`4242 (node) ${fields.join(' ')}`, 100)).toBe(12_900)
    expect(cpuMsFromStat(`4242 (a (strange) name) ${fields.join(' ')}`, 250)).toBeCloseTo((1290 * 1000) / 250)
  })
})
