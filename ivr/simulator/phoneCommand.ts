import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'

import twilio from 'twilio'

import { loadConfig } from '../../server/config'
import { describe, whatTheCallerHears, type WhatTheCallerHears } from './callerHears'

// `npm run phone`: a telephone in the terminal. It calls the running app the way Twilio does — form posts signed
// with the app's TWILIO_AUTH_TOKEN for the public URL — prints what a caller would hear, and sends what you type:
// keys (digits, * and #), `say: words` for speech, an empty line for silence, `hangup` to end the call.

const usage = `npm run phone -- [--lang en|es] [--from +19165550101] [--url http://localhost:3000] [--public-url URL]

  --lang        es presses 2 at the greeting, as a Spanish-speaking caller would (default: en)
  --from        the caller ID Twilio reports (default +19165550199; "anonymous" for none)
  --url         where the app listens (default http://localhost:3000)
  --public-url  the PUBLIC_BASE_URL the app signs against, if not --url (e.g. your tunnel's address)

At a prompt type keys (1, 4010000101#, *), "say: español" to speak, nothing to stay silent, "hangup" to hang up.
`

const write = (text: string) => process.stdout.write(`${text}\n`)

async function main() {
  const { values } = parseArgs({
    options: {
      lang: { type: 'string', default: 'en' },
      from: { type: 'string', default: '+19165550199' },
      url: { type: 'string', default: 'http://localhost:3000' },
      'public-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return write(usage)
  if (values.lang !== 'en' && values.lang !== 'es') throw new Error('--lang must be en or es')

  const config = loadConfig()
  const target = values.url.replace(/\/$/, '')
  const signedFor = (values['public-url'] ?? target).replace(/\/$/, '')
  const callSid = `CA${randomBytes(16).toString('hex')}`
  const startedAt = Date.now()
  const base = { CallSid: callSid, AccountSid: 'AC' + '0'.repeat(32), From: values.from, To: config.agency.phoneNumber, Direction: 'inbound' }

  async function post(path: string, extra: Record<string, string> = {}): Promise<string> {
    const params = { ...base, CallStatus: 'in-progress', ...extra }
    const signature = twilio.getExpectedTwilioSignature(config.twilio.authToken, signedFor + path, params)
    const response = await fetch(target + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      body: new URLSearchParams(params).toString(),
    })
    const body = await response.text()
    if (!response.ok) throw new Error(`${path} answered ${response.status}${response.status === 403 ? ' (signature refused: same TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL as the app?)' : ''}`)
    return body
  }

  async function hangUp(reason: string) {
    const seconds = Math.round((Date.now() - startedAt) / 1000)
    const params = { ...base, CallStatus: 'completed', CallDuration: String(seconds) }
    const signature = twilio.getExpectedTwilioSignature(config.twilio.authToken, `${signedFor}/ivr/status`, params)
    await fetch(`${target}/ivr/status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      body: new URLSearchParams(params).toString(),
    })
    write(`\n✆ ${reason} after ${seconds} s (call ${callSid})`)
  }

  // Lines are queued as they arrive, so a call scripted through a pipe plays out the same as one typed by hand.
  const terminal = createInterface({ input: process.stdin, terminal: false })
  const typedLines: string[] = []
  const waiting: Array<(line: string | null) => void> = []
  let inputEnded = false
  terminal.on('line', (line) => (waiting.length ? waiting.shift()!(line) : typedLines.push(line)))
  terminal.on('close', () => {
    inputEnded = true
    while (waiting.length) waiting.shift()!(null)
  })
  const ask = (prompt: string): Promise<string | null> => {
    process.stdout.write(prompt)
    if (typedLines.length) {
      const line = typedLines.shift()!
      if (!process.stdin.isTTY) write(line)
      return Promise.resolve(line)
    }
    if (inputEnded) return Promise.resolve(null)
    return new Promise((resolve) =>
      waiting.push((line) => {
        if (line !== null && !process.stdin.isTTY) write(line)
        resolve(line)
      }),
    )
  }

  write(`☎ Calling ${config.agency.phoneNumber} at ${target} from ${values.from}…\n`)
  let heard: WhatTheCallerHears = whatTheCallerHears(await post('/ivr/voice'))
  let pressedLanguage = false

  for (;;) {
    write(describe(heard))
    if (heard.hangup) {
      await hangUp('The line hung up')
      terminal.close()
      return
    }

    if (heard.dial) {
      const answer = (await ask('  how does the transfer end? [c]ompleted, [n]o answer, [b]usy > '))?.trim().toLowerCase()
      if (answer === undefined) break
      const status = answer.startsWith('n') ? 'no-answer' : answer.startsWith('b') ? 'busy' : 'completed'
      heard = whatTheCallerHears(await post(heard.dial.url ?? '/ivr/voice', { DialCallStatus: status }))
      continue
    }
    if (!heard.gather) {
      if (!heard.redirect) break
      heard = whatTheCallerHears(await post(heard.redirect))
      continue
    }

    let typed: string | null
    if (values.lang === 'es' && !pressedLanguage && heard.gather.action.endsWith('/welcome')) {
      pressedLanguage = true
      typed = '2'
      write('> 2   (--lang es)')
    } else {
      typed = await ask('> ')
    }
    if (typed === null || typed.trim().toLowerCase() === 'hangup') break
    const entry = typed.trim()
    if (entry === '') {
      heard = whatTheCallerHears(await post(heard.redirect ?? heard.gather.url))
    } else if (/^say:/i.test(entry)) {
      if (!heard.gather.input.includes('speech')) write('  (this prompt takes keys only; the words are sent anyway)')
      heard = whatTheCallerHears(await post(heard.gather.url, { SpeechResult: entry.slice(4).trim(), Confidence: '0.9' }))
    } else if (/^[0-9*#]+$/.test(entry)) {
      // A Gather ends at # and does not report it.
      heard = whatTheCallerHears(await post(heard.gather.url, { Digits: entry.replace(/#.*$/, '') || '#' }))
    } else {
      write('  (type keys such as 1 or 4010000101#, "say: words", nothing for silence, or "hangup")')
    }
  }
  await hangUp('You hung up')
  terminal.close()
}

main().catch((error: unknown) => {
  process.stderr.write(`phone: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
