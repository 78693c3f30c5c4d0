import { parseArgs } from 'node:util'

// What `npm run bench` is asked to do. Pure, so a unit test can hold the parsing to its promises.

export const benchUsage =
  'usage: npm run bench -- [--quick] [--cases N] [--database sqlite|postgres://…] [--seconds S] [--connections C] [--rate R] [--out FILE] [--no-write] [--profile DIR] [--only NAME]'

export interface BenchOptions {
  quick: boolean
  /** Synthetic cases in the measured database (on top of the demo personas). */
  cases: number
  /** 'sqlite' for a file under data/bench/, or a PostgreSQL URL (its database is seeded when empty, reused otherwise). */
  database: 'sqlite' | `postgres://${string}` | `postgresql://${string}`
  /** Seconds of each saturation round and each steady-rate round. */
  seconds: number
  /** Connections at saturation. */
  connections: number
  /** Requests per second of the steady rounds. */
  rate: number
  /** Where the report is written; null with --no-write. */
  out: string | null
  /** Write the app's CPU profile (node --cpu-prof) into this folder. */
  profile: string | null
  /** Run only the scenarios whose name contains this text. */
  only: string | null
}

export class BenchOptionError extends Error {}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback
  const cleaned = raw.replace(/[_,]/g, '')
  const value = /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min) throw new BenchOptionError(`--${name} takes a whole number of ${min} or more\n${benchUsage}`)
  return value
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        quick: { type: 'boolean', default: false },
        cases: { type: 'string' },
        database: { type: 'string' },
        seconds: { type: 'string' },
        connections: { type: 'string' },
        rate: { type: 'string' },
        out: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
        profile: { type: 'string' },
        only: { type: 'string' },
      },
    })
  } catch (error) {
    throw new BenchOptionError(`${(error as Error).message}\n${benchUsage}`)
  }
  const v = parsed.values
  const quick = v.quick ?? false
  const database = v.database ?? 'sqlite'
  if (database !== 'sqlite' && !/^postgres(ql)?:\/\/\S+$/.test(database)) {
    throw new BenchOptionError(`--database takes sqlite or a postgres:// URL\n${benchUsage}`)
  }
  return {
    quick,
    cases: wholeNumber('cases', v.cases, quick ? 1_000 : 5_000),
    database: database as BenchOptions['database'],
    seconds: wholeNumber('seconds', v.seconds, quick ? 2 : 8),
    connections: wholeNumber('connections', v.connections, 50),
    rate: wholeNumber('rate', v.rate, 200),
    out: v['no-write'] ? null : (v.out ?? 'BENCHMARKS.md'),
    profile: v.profile ?? null,
    only: v.only ?? null,
  }
}
