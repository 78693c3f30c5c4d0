import { concurrencyLimit } from '../../server/identity/concurrencyLimit'

// The limit that keeps Argon2 hashes to one per core (secretHashing.ts): never more at once, none lost, in order.

describe('a concurrency limit', () => {
  it('runs at most the limit at once, every piece of work, first come first served', async () => {
    const limit = concurrencyLimit(2)
    let running = 0
    let most = 0
    const started: number[] = []
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        limit(async () => {
          started.push(i)
          running += 1
          most = Math.max(most, running)
          await new Promise((resolve) => setTimeout(resolve, 5 + (i % 3)))
          running -= 1
          return i * 10
        }),
      ),
    )
    expect(most).toBe(2)
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80])
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('frees the place of work that fails, and passes the failure on', async () => {
    const limit = concurrencyLimit(1)
    await expect(limit(() => Promise.reject(new Error('no')))).rejects.toThrow('no')
    await expect(limit(async () => 'next')).resolves.toBe('next')
  })

  it('holds the limit when new work arrives as a place is handed on', async () => {
    const limit = concurrencyLimit(1)
    let running = 0
    let most = 0
    const job = () =>
      limit(async () => {
        running += 1
        most = Math.max(most, running)
        await Promise.resolve()
        running -= 1
      })
    const first = job()
    const second = job()
    await first
    const third = job() // arrives in the tick the first hands its place to the second
    await Promise.all([second, third])
    expect(most).toBe(1)
  })

  it('refuses a limit below 1', () => {
    expect(() => concurrencyLimit(0)).toThrow(/whole number/)
  })
})
