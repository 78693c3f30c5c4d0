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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination)
}
