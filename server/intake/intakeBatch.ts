import fs from 'node:fs'
import readline from 'node:readline'

import type { IntakeResult, IntakeService } from './intakeService'

// A batch file from the case system: one JSON document per line (JSON Lines), blank lines ignored. Each line is
// taken or refused on its own, and reported by its line number; a line that is not JSON is refused as such.

export interface BatchLine {
  line: number
  result: IntakeResult
}

export interface BatchSummary {
  taken: number
  unchanged: number
  refused: number
}

/** Lines of the file that hold something, for the progress bar's total. */
export async function countDocumentLines(file: string): Promise<number> {
  let count = 0
  for await (const text of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (text.trim()) count++
  }
  return count
}

export async function takeBatchFile(
  file: string,
  source: string,
  intake: IntakeService,
  onLine: (line: BatchLine) => void,
): Promise<BatchSummary> {
  const summary: BatchSummary = { taken: 0, unchanged: 0, refused: 0 }
  let line = 0
  for await (const text of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    line++
    if (!text.trim()) continue
    let document: unknown
    let result: IntakeResult
    try {
      document = JSON.parse(text)
      result = await intake.take(source, document)
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error
      result = { outcome: 'refused', reason: 'not valid JSON', id: null }
    }
    summary[result.outcome]++
    onLine({ line, result })
  }
  return summary
}

export function describeLine({ line, result }: BatchLine): string {
  if (result.outcome === 'refused') return `line ${line}: refused${result.id ? ` ${result.id}` : ''}: ${result.reason}`
  return `line ${line}: ${result.outcome} ${result.type} ${result.id}`
}
