import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { sniffLength } from './documentType'

// Where sent documents live: one folder outside the web root (configured; data/documents by default), each file under
// a random name nobody can guess or derive from the thread, the parent or the name it was sent with. The folder is
// made on first use, readable by the app's own user only.

export interface DocumentStore {
  directory: string
  /** Makes the folder if it is missing; the upload writes into it. */
  ensureDirectory(): Promise<string>
  /** A fresh file name: a random UUID, nothing else. */
  newStorageName(): string
  /** The full path of a stored name; a name that is not one of ours (a path, "..") is refused. */
  pathOf(storageName: string): string
  /** The first bytes of a stored file, to judge what it is. */
  head(filePath: string): Promise<Uint8Array>
  /** Removes files that will not be kept (a refused upload); a file already gone is no error. */
  discard(filePaths: readonly string[]): Promise<void>
}

const storageNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function createDocumentStore(directory: string): DocumentStore {
  const root = path.resolve(directory)
  return {
    directory: root,
    async ensureDirectory() {
      await fs.promises.mkdir(root, { recursive: true, mode: 0o700 })
      return root
    },
    newStorageName: () => randomUUID(),
    pathOf(storageName) {
      if (!storageNamePattern.test(storageName)) throw new Error('not a stored document name')
      return path.join(root, storageName)
    },
    async head(filePath) {
      const handle = await fs.promises.open(filePath, 'r')
      try {
        const buffer = Buffer.alloc(sniffLength)
        const { bytesRead } = await handle.read(buffer, 0, sniffLength, 0)
        return buffer.subarray(0, bytesRead)
      } finally {
        await handle.close()
      }
    },
    async discard(filePaths) {
      await Promise.all(filePaths.map((filePath) => fs.promises.rm(filePath, { force: true })))
    },
  }
}
