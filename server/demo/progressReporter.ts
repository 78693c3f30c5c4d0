// Progress of a long bulk load on stderr: a live bar when a person is watching (a TTY), otherwise one line per
// tenth, so CI logs and redirected output stay short.

export interface ProgressReporter {
  update(done: number): void
  finish(): void
}

export function progressReporter(
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = () => performance.now(),
): ProgressReporter {
  const started = now()
  let lastDrawn = -Infinity
  let lastTenth = 0
  const rate = (done: number) => Math.round(done / Math.max((now() - started) / 1000, 0.001))

  const draw = (done: number) => {
    const fraction = total === 0 ? 1 : done / total
    const width = 30
    const filled = Math.round(fraction * width)
    const perSecond = rate(done)
    const eta = perSecond > 0 ? Math.ceil((total - done) / perSecond) : 0
    stream.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
        `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${label}  ${perSecond.toLocaleString('en-US')}/s  ETA ${eta}s `,
    )
  }

  return {
    update(done) {
      if (stream.isTTY) {
        // Redrawing more than a few times a second only costs time.
        if (now() - lastDrawn >= 200 || done >= total) {
          lastDrawn = now()
          draw(done)
        }
        return
      }
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total)
      if (tenth > lastTenth) {
        lastTenth = tenth
        stream.write(`${tenth * 10}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${label} (${rate(done).toLocaleString('en-US')}/s)\n`)
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n')
    },
  }
}
