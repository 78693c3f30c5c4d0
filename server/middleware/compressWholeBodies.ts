import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

import compression from 'compression'
import type { NextFunction, Request, Response } from 'express'
import Negotiator from 'negotiator'

// Pages, TwiML and JSON leave the app as one whole body (res.send ends the response with it). Compressing that body
// in one call costs a fifth of what a compression stream costs for the same bytes: on the 7 KB home page, brotli at
// quality 4 through a stream took 0.54 ms of CPU, in one call 0.09 ms, with the same output (BENCHMARKS.md, fix 21).
// This middleware compresses such bodies itself and marks them encoded, so the compression middleware behind it
// passes them through; anything written in parts (a file, a statement's PDF) still goes through that middleware.

/** Below this, compressing saves less than the headers it adds (the compression middleware's own threshold). */
export const smallestCompressedBody = 1024
/** Above this, a body is left to the streaming middleware, which does its work off the event loop. */
export const largestBodyCompressedInOneCall = 512 * 1024

// Brotli's window need not be larger than the body: a smaller window is a smaller encoder to allocate and clear.
const smallestWindowBits = 16
const largestWindowBits = 22

function brotliOnce(body: Buffer): Buffer {
  const windowBits = Math.min(largestWindowBits, Math.max(smallestWindowBits, Math.ceil(Math.log2(body.length + 1))))
  return brotliCompressSync(body, {
    params: {
      // The compression middleware's quality for anything made per request: quality 11 is for files built once.
      [constants.BROTLI_PARAM_QUALITY]: 4,
      [constants.BROTLI_PARAM_LGWIN]: windowBits,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  })
}

const offeredEncodings = ['br', 'gzip'] as const
type OfferedEncoding = (typeof offeredEncodings)[number]

// Negotiator 1.x breaks a tie in the client's q-values by the server's preference (brotli, as the compression
// middleware does); its published types (0.6) do not know that option yet.
interface EncodingNegotiator {
  encodings(available: readonly string[], options: { preferred: readonly string[] }): string[]
}

function acceptedEncoding(req: Request): OfferedEncoding | null {
  // A client that names no encoding gets the body as it is (as from the compression middleware), not whatever we like.
  if (!req.headers['accept-encoding']) return null
  const [best] = (new Negotiator(req) as unknown as EncodingNegotiator).encodings(offeredEncodings, { preferred: offeredEncodings })
  return offeredEncodings.find((encoding) => encoding === best) ?? null
}

const encoders: Record<OfferedEncoding, (body: Buffer) => Buffer> = {
  br: brotliOnce,
  gzip: (body) => gzipSync(body, { level: constants.Z_DEFAULT_COMPRESSION }),
}

type EndArguments = [chunk?: unknown, encoding?: unknown, callback?: unknown]

function bodyOf(chunk: unknown, encoding: unknown): Buffer | null {
  if (Buffer.isBuffer(chunk)) return chunk
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
  return null
}

/** What the response's headers allow, asked before the body is looked at (most small answers stop here). */
function chosenEncoding(req: Request, res: Response): OfferedEncoding | null {
  if (req.method === 'HEAD' || res.statusCode < 200 || res.statusCode === 204 || res.statusCode === 304) return null
  if (res.getHeader('Content-Encoding') !== undefined) return null
  if (/\bno-transform\b/i.test(String(res.getHeader('Cache-Control') ?? ''))) return null
  // The same test of the Content-Type as the compression middleware's (text, JSON, XML, SVG and the like).
  if (!compression.filter(req, res)) return null
  return acceptedEncoding(req)
}

const sizedForOneCall = (body: Buffer) => body.length >= smallestCompressedBody && body.length <= largestBodyCompressedInOneCall

export function compressWholeBodies(req: Request, res: Response, next: NextFunction) {
  const endThroughNext = res.end.bind(res) as (...args: EndArguments) => Response
  const writeThroughNext = res.write.bind(res) as Response['write']
  let writtenInParts = false

  res.write = ((...args: Parameters<Response['write']>) => {
    writtenInParts = true
    return writeThroughNext(...args)
  }) as Response['write']

  res.end = ((...args: EndArguments) => {
    const [chunk, encoding] = args
    // Mounted twice (app.ts), so the outer one meets bodies the inner one already encoded: the headers say so first.
    const method = writtenInParts || res.headersSent ? null : chosenEncoding(req, res)
    const body = method ? bodyOf(chunk, encoding) : null
    if (!method || !body || !sizedForOneCall(body)) return endThroughNext(...args)

    const compressed = encoders[method](body)
    res.vary('Accept-Encoding')
    res.setHeader('Content-Encoding', method)
    res.setHeader('Content-Length', compressed.length)
    const callback = typeof encoding === 'function' ? encoding : args[2]
    return typeof callback === 'function' ? endThroughNext(compressed, callback) : endThroughNext(compressed)
  }) as Response['end']

  next()
}
