/**
 * Runs at most `max` pieces of work at once; the rest wait their turn, first come first served. A finishing piece hands
 * its place straight to the next in line, so the limit holds even when new work arrives in the same tick.
 */
export function concurrencyLimit(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(max) || max < 1) throw new Error(`a concurrency limit is a whole number of 1 or more, not ${max}`)
  let running = 0
  const waiting: Array<() => void> = []
  return async (work) => {
    if (running < max) running += 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await work()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running -= 1
    }
  }
}
