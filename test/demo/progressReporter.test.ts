import { progressReporter } from '../../server/demo/progressReporter'

function fakeStream(isTTY: boolean) {
  const writes: string[] = []
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream }
}

describe('progressReporter', () => {
  it('writes one line per tenth when nobody is watching a terminal', () => {
    const { writes, stream } = fakeStream(false)
    const progress = progressReporter(1000, 'cases', stream, () => 0)
    for (let done = 1; done <= 1000; done++) progress.update(done)
    progress.finish()
    expect(writes).toHaveLength(10)
    expect(writes[0]).toMatch(/^10% 100\/1,000 cases/)
    expect(writes[9]).toMatch(/^100% 1,000\/1,000 cases/)
  })

  it('redraws one bar in place on a terminal, at most five times a second', () => {
    const { writes, stream } = fakeStream(true)
    let now = 0
    const progress = progressReporter(100, 'cases', stream, () => now)
    for (let done = 1; done <= 100; done++) {
      now += 10
      progress.update(done)
    }
    progress.finish()
    expect(writes.length).toBeLessThan(10)
    expect(writes.slice(0, -1).every((w) => w.startsWith('\r['))).toBe(true)
    expect(writes.at(-2)).toContain('100% 100/100 cases')
    expect(writes.at(-1)).toBe('\n')
  })
})
