// Where the seed's chunks come from: generated in this thread (tests, where a worker cannot load TypeScript), or
// in a worker thread so generation and database writes each get one of the machine's cores.
import path from 'node:path'
import { Worker } from 'node:worker_threads'

import type { BulkRows } from './batchInsert'
import { generateSyntheticChunk, type IdCursor, type SyntheticChunk, type SyntheticContext } from './syntheticCases'

/**
 * A chunk as the inserter reads it: each table's values in one flat array, row after row, so the main thread (the
 * writer, the busier of the two) no longer rebuilds every row as an object only to take its values back out.
 */
export interface FlatChunk {
  cases: number
  participants: number
  ledgerRows: number
  /** In the order they are inserted: parents before children. */
  tables: BulkRows[]
}

/** The rows' values in the first row's key order; a missing value is null, as the inserter always wrote it. */
export function flattenChunk(chunk: SyntheticChunk): FlatChunk {
  const table = (name: BulkRows['table'], rows: ReadonlyArray<object>): BulkRows => {
    const first = rows[0]
    const columns = first ? Object.keys(first) : []
    const values: unknown[] = new Array(rows.length * columns.length)
    let i = 0
    for (const row of rows as ReadonlyArray<Record<string, unknown>>) for (const column of columns) values[i++] = row[column] ?? null
    return { table: name, columns, values }
  }
  return {
    cases: chunk.cases.length,
    participants: chunk.participants.length,
    ledgerRows: chunk.ledger.length,
    tables: [
      table('participants', chunk.participants),
      table('cases', chunk.cases),
      table('case_roles', chunk.caseRoles),
      table('orders', chunk.orders),
      table('ledger', chunk.ledger),
      table('enforcement', chunk.enforcement),
      table('accounts', chunk.accounts),
    ],
  }
}

export interface ChunkSource {
  /** The next `count` cases; call again only after the previous promise settled. */
  next(count: number): Promise<FlatChunk>
  close(): Promise<void>
}

export function inlineSource(ids: IdCursor, context: SyntheticContext): ChunkSource {
  return {
    next: async (count) => flattenChunk(generateSyntheticChunk(count, ids, context)),
    close: async () => undefined,
  }
}

export function workerSource(ids: IdCursor, context: SyntheticContext): ChunkSource {
  // Same extension as this file: .js once compiled, .ts under tsx, whose loader a worker does not inherit and
  // so registers for itself.
  const file = path.join(__dirname, `syntheticWorker${path.extname(__filename)}`)
  const workerData = { ids, context }
  const worker = file.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)})`, { eval: true, workerData })
    : new Worker(file, { workerData })
  // A worker that failed between two requests must fail the next one rather than leave it waiting.
  let stopped: Error | null = null
  worker.on('error', (error) => {
    stopped ??= error
  })
  worker.on('exit', (code) => {
    stopped ??= new Error(`synthetic data worker stopped (exit code ${code})`)
  })
  // One request at a time: each `next` listens for its answer or a failure, then stops listening, so no listener
  // (and no chunk it could keep alive) outlives its request.
  return {
    next(count) {
      if (stopped) return Promise.reject(stopped)
      return new Promise<FlatChunk>((resolve, reject) => {
        const settle = () => {
          worker.off('message', onMessage)
          worker.off('error', onError)
          worker.off('exit', onExit)
        }
        const onMessage = (text: string) => {
          settle()
          resolve(JSON.parse(text) as FlatChunk)
        }
        const onError = (error: Error) => {
          settle()
          reject(error)
        }
        const onExit = (code: number) => onError(new Error(`synthetic data worker stopped (exit code ${code})`))
        worker.on('message', onMessage)
        worker.on('error', onError)
        worker.on('exit', onExit)
        worker.postMessage(count)
      })
    },
    close: async () => {
      await worker.terminate()
    },
  }
}
