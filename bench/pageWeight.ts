import fs from 'node:fs'
import http from 'node:http'
import zlib from 'node:zlib'

import { chromium } from 'playwright-core'

// What a page costs to load over the network, compressed as a browser on HTTPS asks for it (br, gzip): the document
// and every CSS, script, font and image it pulls in. Which files a page pulls in is learnt from a real browser when
// Debian's Chromium is there (it alone knows which of the stylesheet's fonts the page's text uses); without it, from
// the HTML's own links (stylesheets, scripts, preloaded fonts, icons, images), which can miss fonts. The bytes of each
// file are then counted by fetching it ourselves with `Accept-Encoding: br, gzip`: what crosses the wire, headers
// not included.

export const chromiumPath = '/usr/bin/chromium'
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

export type ResourceKind = 'html' | 'css' | 'js' | 'font' | 'image' | 'other'

export interface Transfer {
  url: string
  kind: ResourceKind
  /** Bytes of the body as sent (after compression). */
  bytes: number
  /** Bytes once decompressed. */
  rawBytes: number
  encoding: string | null
}

export interface PageWeight {
  path: string
  totalBytes: number
  byKind: Record<ResourceKind, number>
  transfers: Transfer[]
  /** 'browser' when Chromium chose the files, 'html' when they were read from the page's links. */
  discoveredBy: 'browser' | 'html'
}

export function kindOf(url: string, contentType: string | null): ResourceKind {
  const type = (contentType ?? '').toLowerCase()
  const pathname = new URL(url, 'http://x').pathname.toLowerCase()
  if (type.includes('text/html')) return 'html'
  if (type.includes('text/css') || pathname.endsWith('.css')) return 'css'
  if (type.includes('javascript') || pathname.endsWith('.js')) return 'js'
  if (type.startsWith('font/') || /\.(woff2?|ttf|otf)$/.test(pathname)) return 'font'
  if (type.startsWith('image/') || /\.(svg|png|ico|jpe?g|gif|webp)$/.test(pathname)) return 'image'
  return 'other'
}

/** The figure the report gives: every transfer's compressed bytes, in total and by kind. */
export function summarise(path: string, transfers: Transfer[], discoveredBy: PageWeight['discoveredBy']): PageWeight {
  const byKind: Record<ResourceKind, number> = { html: 0, css: 0, js: 0, font: 0, image: 0, other: 0 }
  let totalBytes = 0
  for (const t of transfers) {
    byKind[t.kind] += t.bytes
    totalBytes += t.bytes
  }
  return { path, totalBytes, byKind, transfers, discoveredBy }
}

/** Fetches one URL and counts the body's bytes as they arrive, before any decompression. */
export function measureTransfer(url: string, headers: Record<string, string>): Promise<Transfer & { body: Buffer; status: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, 'accept-encoding': 'br, gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const body = Buffer.concat(chunks)
        const encoding = (response.headers['content-encoding'] as string | undefined) ?? null
        let raw = body
        try {
          if (encoding === 'br') raw = zlib.brotliDecompressSync(body)
          else if (encoding === 'gzip') raw = zlib.gunzipSync(body)
        } catch (error) {
          return reject(new Error(`${url}: a ${encoding} body that does not decompress (${(error as Error).message})`))
        }
        resolve({
          url, status: response.statusCode ?? 0, kind: kindOf(url, response.headers['content-type'] ?? null),
          bytes: body.length, rawBytes: raw.length, encoding, body: raw,
        })
      })
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

/** The files a page links to itself: stylesheets, scripts, preloads (fonts), icons and images. */
export function linkedUrls(html: string, pageUrl: string): string[] {
  const found = new Set<string>()
  for (const tag of html.match(/<(link|script|img)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1]
    const rel = (attr('rel') ?? '').toLowerCase()
    const url = tag.toLowerCase().startsWith('<link') ? (/(stylesheet|preload|icon)/.test(rel) ? attr('href') : undefined) : attr('src')
    if (url) found.add(new URL(url, pageUrl).toString())
  }
  return [...found]
}

async function urlsFromBrowser(pageUrl: string, headers: Record<string, string>): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  try {
    const context = await browser.newContext({ extraHTTPHeaders: headers })
    const page = await context.newPage()
    const urls: string[] = []
    page.on('requestfinished', (request) => urls.push(request.url()))
    await page.goto(pageUrl, { waitUntil: 'networkidle' })
    return [...new Set(urls)]
  } finally {
    await browser.close()
  }
}

/** The page's weight; headers carry a session cookie for a signed-in page. */
export async function measurePage(baseUrl: string, path: string, headers: Record<string, string>): Promise<PageWeight> {
  const pageUrl = baseUrl + path
  const document = await measureTransfer(pageUrl, headers)
  if (document.status !== 200) throw new Error(`${path} answered ${document.status}`)
  const useBrowser = fs.existsSync(chromiumPath)
  const urls = useBrowser ? await urlsFromBrowser(pageUrl, headers) : linkedUrls(document.body.toString('utf8'), pageUrl)
  const transfers: Transfer[] = [strip(document)]
  for (const url of urls) {
    if (url === pageUrl || !url.startsWith(baseUrl)) continue
    transfers.push(strip(await measureTransfer(url, headers)))
  }
  return summarise(path, transfers, useBrowser ? 'browser' : 'html')
}

function strip({ url, kind, bytes, rawBytes, encoding }: Transfer): Transfer {
  return { url, kind, bytes, rawBytes, encoding }
}
