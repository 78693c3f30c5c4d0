// Generates synthetic chunks on a second core while the main thread writes the previous one to the database.
// It keeps its own id cursor: chunks are asked for in order, so its ids run on from the ones it was started with.
import { parentPort, workerData } from 'node:worker_threads'

import { generateSyntheticChunk, type IdCursor, type SyntheticContext } from './syntheticCases'

const { ids, context } = workerData as { ids: IdCursor; context: SyntheticContext }

parentPort?.on('message', (count: number) => {
  parentPort?.postMessage(generateSyntheticChunk(count, ids, context))
})
