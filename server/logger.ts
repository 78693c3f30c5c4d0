import pino from 'pino'

// Nothing secret reaches a log: these paths are replaced wherever they appear, and request logging
// records the path without its query string (see middleware/requestLogging.ts).
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.pin',
  '*.ssn',
  '*.Digits',
  '*.SpeechResult',
  '*.sessionSecret',
  '*.authToken',
]

export type Logger = pino.Logger

/** What the process may hold of log lines that standard output has not taken yet, before it drops new ones. */
const unwrittenLogLimitBytes = 8 * 1024 * 1024

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination ?? standardOutput())
}

/**
 * Standard output that can never stop the server. pino's default writes synchronously and, when the reader of
 * the pipe stops reading (a supervisor that was killed, a full terminal), retries forever with the event loop
 * asleep: the process stays up, the port accepts connections, and no request is ever answered. That is the
 * 300-second hang found after `kill -9` of `npm start` (issue 11). Written asynchronously, a stuck reader costs
 * log lines (up to the limit held in memory, then dropped), never answers; at exit the process tries once to
 * write what it holds and does not wait on a reader that is gone.
 */
function standardOutput(): pino.DestinationStream {
  let exiting = false
  const stream = pino.destination({
    dest: 1,
    sync: false,
    maxLength: unwrittenLogLimitBytes,
    retryEAGAIN: () => !exiting,
  })
  // Runs before pino's own flush at exit, so that flush gives up on a full pipe instead of sleeping on it.
  process.prependListener('exit', () => {
    exiting = true
    try {
      stream.flushSync()
    } catch {
      // Nobody is reading: what is left is lost, the exit is not delayed.
    }
    stream.destroy()
  })
  return stream
}
