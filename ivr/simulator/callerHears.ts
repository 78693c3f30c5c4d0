import { isElement, parseXml, type XmlElement } from './twimlDocument'

// What a caller would hear from one TwiML response, and what the phone does next: wait for keys or words (a
// Gather), follow a Redirect when nothing is entered, ring someone (a Dial), or hang up. The terminal phone prints
// it; the tests read it.

export interface SpokenLine {
  text: string
  voice: string | null
  language: string | null
}

export interface WhatTheCallerHears {
  lines: SpokenLine[]
  /** action: the step's path, which says what is asked; url: where the answer goes (the path and its nonce). */
  gather: { action: string; url: string; input: string; language: string | null; hints: string | null; numDigits: number | null } | null
  redirect: string | null
  dial: { numbers: string[]; action: string | null; url: string | null } | null
  hangup: boolean
  /** Every URL the response hands to Twilio (actions, redirects). */
  urls: string[]
}

/** A URL without its query: each answer gives its step URLs a fresh nonce (ivr/freshActionUrls.ts). */
function pathOf(url: string): string {
  return url.split('?')[0]!
}

function textOf(element: XmlElement): string {
  return element.children.map((child) => (isElement(child) ? textOf(child) : child.text)).join('')
}

export function whatTheCallerHears(xml: string): WhatTheCallerHears {
  const root = parseXml(xml)
  if (root.name !== 'Response') throw new Error(`TwiML must have <Response> at its root, not <${root.name}>`)
  const heard: WhatTheCallerHears = { lines: [], gather: null, redirect: null, dial: null, hangup: false, urls: [] }
  const say = (element: XmlElement) =>
    heard.lines.push({ text: textOf(element).trim(), voice: element.attributes.voice ?? null, language: element.attributes.language ?? null })

  for (const verb of root.children.filter(isElement)) {
    if (verb.name === 'Say') say(verb)
    if (verb.name === 'Gather') {
      verb.children.filter(isElement).filter((c) => c.name === 'Say').forEach(say)
      const a = verb.attributes
      heard.gather = {
        action: pathOf(a.action ?? ''),
        url: a.action ?? '',
        input: a.input ?? 'dtmf',
        language: a.language ?? null,
        hints: a.hints ?? null,
        numDigits: a.numDigits ? Number(a.numDigits) : null,
      }
      if (a.action) heard.urls.push(a.action)
    }
    if (verb.name === 'Redirect') {
      heard.redirect = textOf(verb).trim()
      heard.urls.push(heard.redirect)
    }
    if (verb.name === 'Dial') {
      const numbers = verb.children.filter(isElement).filter((c) => c.name === 'Number').map((n) => textOf(n).trim())
      const url = verb.attributes.action ?? null
      heard.dial = { numbers, action: url === null ? null : pathOf(url), url }
      if (verb.attributes.action) heard.urls.push(verb.attributes.action)
    }
    if (verb.name === 'Hangup') heard.hangup = true
  }
  return heard
}

/** The response as a caller would experience it, for a terminal. */
export function describe(heard: WhatTheCallerHears): string {
  const out = heard.lines.map((line) => `  🔊 ${line.text}`)
  if (heard.dial) out.push(`  ☎  (ringing ${heard.dial.numbers.join(', ')}…)`)
  if (heard.gather) {
    const ways = heard.gather.input.includes('speech') ? 'keys or words' : 'keys only'
    out.push(`  ⌨  (waiting for ${ways}${heard.gather.numDigits === 1 ? ', one key' : ', end with #'})`)
  }
  if (heard.hangup) out.push('  ✆  (the line hangs up)')
  return out.join('\n')
}
