import { randomInt } from 'node:crypto'

import { ivrPaths } from './paths'

// Twilio signs the URL and the POST body of each webhook, and two honest turns can post the same body to the same
// step (a wrong PIN keyed twice, the same key pressed twice at one question). So that every honest request is
// signed differently, and a signature seen twice can be refused as a replay, each answer sends the caller's next
// request to its step URLs with a nonce of its own. The nonce is letters only: no URL ever holds a digit string
// that could be mistaken for something keyed. Steps read nothing from it; the route ignores the query string.

const letters = 'abcdefghijklmnopqrstuvwxyz'
const stepUrl = new RegExp(`(\\baction="|<Redirect\\b[^>]*>)(${ivrPaths.mount}/step/[A-Za-z]+)(?=["<])`, 'g')

export function freshNonce(length = 16): string {
  return Array.from({ length }, () => letters[randomInt(letters.length)]).join('')
}

/** The TwiML with every step URL it hands to Twilio (Gather and Dial actions, Redirects) given `nonce`. */
export function withNonceInStepUrls(twiml: string, nonce: string = freshNonce()): string {
  return twiml.replace(stepUrl, `$1$2?n=${nonce}`)
}
