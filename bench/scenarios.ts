import { freshNonce as benchNonce } from '../ivr/freshActionUrls'
import { callbackTopics } from '../server/callbacks/callbackRequest'
import type { LoadTarget } from './load'
import { balanceAgainPath, callParams, clientAddressOf, newCallSid, proxyHeaders, signedWebhook, type TwilioSigner, type WebSession } from './visitors'

// What a bench run measures, each as a load target: the request it sends (rotating over the sessions, cases and calls
// made up front) and what counts as a good answer.

export interface Scenario {
  name: string
  /** The page whose weight (compressed, with its CSS, scripts and fonts) is reported, if this is a page. */
  page?: { path: string; session?: WebSession }
  target: LoadTarget
}

export interface Cast {
  parents: WebSession[]
  /** A parent's session and one of their cases, spread so that parents with two cases are among them. */
  parentCases: Array<{ session: WebSession; caseId: number }>
  reps: WebSession[]
  signer: TwilioSigner
  /** Calls that have just heard the balance; filled after the first webhook's round shows how many are needed. */
  menuCalls: Array<{ callSid: string; from: string }>
  /**
   * Parents who ask for a callback, each on their first case; signed in just before that scenario, enough of them
   * that none posts more than callbackPostsPerParent times in the run (callbackPostersNeeded).
   */
  callbackParents: Array<{ session: WebSession; caseId: number }>
}

/**
 * How many callback requests one parent posts in a run. The portal allows a parent (and an address) 10 an hour
 * (callbackAccount and callbackClient, server/rateLimits/limits.ts), and answers the 11th with a 429 page: a real
 * parent asks once, or about a few things. Forty parents posting a thousand requests in seconds is a script, and
 * measured the 429 page (hundreds of "errors" a run) instead of a request being filed. So each post comes from the
 * next parent in turn, every parent asking about a different topic each time (a new request filed, not the one
 * already waiting), and no parent posts more than this.
 */
export const callbackPostsPerParent = 7

/** The parents a callback round of `seconds` at saturation (and the warm-up and the steady rate) needs. */
export function callbackPostersNeeded(options: { seconds: number; rate: number }): number {
  // Saturation has not passed 300 requests/s here (146 on a quiet machine); the warm-up round is one second.
  const posts = 300 * (options.seconds + 1) + options.rate * options.seconds
  return Math.ceil(posts / callbackPostsPerParent)
}

const rotate = <T>(list: readonly T[], n: number): T => {
  const item = list[n % list.length]
  if (item === undefined) throw new Error('nothing to rotate over')
  return item
}

const ok = (status: number) => status === 200
const sessionHeaders = (s: WebSession) => ({ ...proxyHeaders(s.clientAddress), cookie: s.cookie, 'accept-encoding': 'br, gzip' })

export function scenarios(cast: Cast): Scenario[] {
  const { signer } = cast
  const firstCase = cast.parentCases[0]
  if (!firstCase) throw new Error('no signed-in parent with a case')
  const casePath = (caseId: number) => `/account/cases/${caseId}`
  let callbackPosts = 0
  return [
    {
      name: 'public home page',
      page: { path: '/' },
      target: {
        request: (n) => ({ method: 'GET', path: '/', headers: { ...proxyHeaders(clientAddressOf(n % 50_000)), 'accept-encoding': 'br, gzip' } }),
        accept: ok,
      },
    },
    {
      name: 'dashboard (signed in)',
      page: { path: '/account', session: firstCase.session },
      target: { request: (n) => ({ method: 'GET', path: '/account', headers: sessionHeaders(rotate(cast.parents, n)) }), accept: ok },
    },
    {
      name: 'case page',
      page: { path: casePath(firstCase.caseId), session: firstCase.session },
      target: {
        request: (n) => {
          const { session, caseId } = rotate(cast.parentCases, n)
          return { method: 'GET', path: casePath(caseId), headers: sessionHeaders(session) }
        },
        accept: ok,
      },
    },
    {
      name: 'payments page',
      page: { path: `${casePath(firstCase.caseId)}/payments`, session: firstCase.session },
      target: {
        request: (n) => {
          const { session, caseId } = rotate(cast.parentCases, n)
          return { method: 'GET', path: `${casePath(caseId)}/payments`, headers: sessionHeaders(session) }
        },
        accept: ok,
      },
    },
    {
      name: 'phone: first webhook',
      target: {
        request: (n) => signedWebhook(signer, '/ivr/voice', callParams(newCallSid(), `+1916555${String(n % 10_000).padStart(4, '0')}`)),
        accept: (status, body) => status === 200 && body.includes('<Gather'),
      },
    },
    {
      name: 'phone: mid-call turn (balance again)',
      target: {
        request: (n) => {
          const call = rotate(cast.menuCalls, n)
          // Each turn signed differently, as Twilio's are (each answer's URLs carry a fresh nonce): the line refuses a
          // signature it has already seen as a replay.
          return signedWebhook(signer, `${balanceAgainPath}?n=${benchNonce()}`, callParams(call.callSid, call.from, { Digits: '1' }))
        },
        // The balance read again from the case, then the same offer; a farewell would mean the call ran out of turns.
        accept: (status, body) => status === 200 && body.includes(balanceAgainPath) && !body.includes('<Hangup'),
      },
    },
    {
      name: 'callback request (POST)',
      target: {
        // The posts run on across the warm-up, saturation and steady rounds (each round counts its own n from 0), so
        // the k-th post of the run comes from parent k mod P, about topic floor(k / P): every parent asks once before
        // any asks twice, and each ask is a new request. Past P × 7 posts a parent would ask a topic again (the
        // confirmation of the one waiting), past P × 10 the portal's limit answers 429: counted as errors.
        request: () => {
          const k = callbackPosts++
          const posters = cast.callbackParents
          const { session, caseId } = rotate(posters, k)
          const body = new URLSearchParams({
            _csrf: session.csrfToken,
            caseId: String(caseId),
            topic: rotate(callbackTopics, Math.floor(k / posters.length)),
            phone: '(916) 555-0142',
            window: k % 2 ? 'asap' : 'afternoon',
            language: 'en',
          }).toString()
          return {
            method: 'POST',
            path: '/account/callbacks/new',
            headers: { ...sessionHeaders(session), 'content-type': 'application/x-www-form-urlencoded' },
            body,
          }
        },
        // The confirmation of the new request (or of the parent's pending one on the same topic).
        accept: (status) => status === 303,
      },
    },
    {
      name: "rep's queue page",
      page: { path: '/console/queue', session: cast.reps[0] },
      target: { request: (n) => ({ method: 'GET', path: '/console/queue', headers: sessionHeaders(rotate(cast.reps, n)) }), accept: ok },
    },
  ]
}
