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
        request: (n) => {
          const { session, caseId } = rotate(cast.parentCases, n)
          const body = new URLSearchParams({
            _csrf: session.csrfToken,
            caseId: String(caseId),
            topic: rotate(callbackTopics, Math.floor(n / cast.parentCases.length)),
            phone: '(916) 555-0142',
            window: n % 2 ? 'asap' : 'afternoon',
            language: 'en',
          }).toString()
          return {
            method: 'POST',
            path: '/account/callbacks/new',
            headers: { ...sessionHeaders(session), 'content-type': 'application/x-www-form-urlencoded' },
            body,
          }
        },
        // A new request, or the parent's pending one on the same topic: either way the confirmation.
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
