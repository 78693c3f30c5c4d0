import twilio from 'twilio'

// The people a bench run acts as, made up front over HTTP exactly as a browser or Twilio would: parents signed in
// with their own sessions (and the CSRF token their forms carry), a representative signed in to the console, and
// phone calls brought to the main menu. Every request says it came through a TLS-terminating proxy (production
// cookies are Secure) from its own client address, as real visitors do.

export interface WebSession {
  cookie: string
  csrfToken: string
  /** The client address this visitor's requests come from. */
  clientAddress: string
  /** The parent's cases as the dashboard links them: /account/cases/<id>. */
  caseIds: number[]
}

export const proxyHeaders = (clientAddress: string) => ({ 'x-forwarded-proto': 'https', 'x-forwarded-for': clientAddress })

/** A distinct private address per visitor. */
export function clientAddressOf(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

function cookiesFrom(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? ''
    const at = pair.indexOf('=')
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1))
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no CSRF token on the page')
  return token
}

/** Signs in through the form at signInPath and returns the session; `landing` is fetched to learn the token. */
export async function signIn(
  base: string,
  paths: { signIn: string; landing: string },
  credentials: { username: string; password: string },
  clientAddress: string,
): Promise<WebSession> {
  const jar = new Map<string, string>()
  const headers = () => ({ ...proxyHeaders(clientAddress), cookie: cookieHeader(jar) })
  const form = await fetch(base + paths.signIn, { headers: headers() })
  cookiesFrom(form, jar)
  const body = new URLSearchParams({ ...credentials, _csrf: csrfTokenIn(await form.text()) })
  const posted = await fetch(base + paths.signIn, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  })
  cookiesFrom(posted, jar)
  if (posted.status !== 303) throw new Error(`sign-in as ${credentials.username} answered ${posted.status}`)
  const landing = await fetch(base + paths.landing, { headers: headers() })
  cookiesFrom(landing, jar)
  const html = await landing.text()
  if (landing.status !== 200) throw new Error(`${paths.landing} after sign-in answered ${landing.status}`)
  const caseIds = [...new Set([...html.matchAll(/href="\/account\/cases\/(\d+)"/g)].map((m) => Number(m[1])))]
  return { cookie: cookieHeader(jar), csrfToken: csrfTokenIn(html), clientAddress, caseIds }
}

// ---- the phone line ----

export interface TwilioSigner {
  baseUrl: string
  authToken: string
}

/** Where the line waits after an answer: 1 hears it again, 2 goes back to the menu. */
export const balanceAgainPath = '/ivr/step/afterAnswer'

export function newCallSid(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('')
  return `CA${hex}`
}

/** A webhook as Twilio posts it: a form body and its X-Twilio-Signature for the public URL. */
export function signedWebhook(signer: TwilioSigner, path: string, params: Record<string, string>) {
  const signature = twilio.getExpectedTwilioSignature(signer.authToken, signer.baseUrl + path, params)
  return {
    method: 'POST' as const,
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  }
}

export function callParams(callSid: string, from: string, extra: Record<string, string> = {}): Record<string, string> {
  return { CallSid: callSid, AccountSid: 'AC00000000000000000000000000000000', From: from, To: '+18665550100', Direction: 'inbound', CallStatus: 'in-progress', ...extra }
}

/**
 * Calls the line, chooses English, keys the PAR ID and PIN and asks for the balance (1 at the main menu); resolves with
 * the CallSid once the line offers to say it again, where a caller can keep asking (1 again) without moving on.
 */
export async function callToBalance(signer: TwilioSigner, caller: { parId: string; pin: string; from: string }): Promise<string> {
  const callSid = newCallSid()
  const turns: Array<[string, Record<string, string>]> = [
    ['/ivr/voice', {}],
    ['/ivr/step/welcome', { Digits: '1' }],
    ['/ivr/step/identify', { Digits: caller.parId }],
    ['/ivr/step/pin', { Digits: caller.pin }],
    ['/ivr/step/mainMenu', { Digits: '1' }],
  ]
  let twiml = ''
  for (const [path, extra] of turns) {
    const request = signedWebhook(signer, path, callParams(callSid, caller.from, extra))
    const response = await fetch(signer.baseUrl + path, { method: 'POST', headers: request.headers, body: request.body })
    twiml = await response.text()
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
  }
  if (!twiml.includes(balanceAgainPath)) throw new Error(`PAR ID ${caller.parId} did not hear the balance`)
  return callSid
}
