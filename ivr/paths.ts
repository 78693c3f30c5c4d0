import type { StepName } from './flowState'

// The phone line's paths under /ivr, named once. Each step's Gather posts to its own fixed path, which never
// carries anything the caller keyed: digits travel in the signed POST body only.
export const ivrPaths = {
  mount: '/ivr',
  voice: '/voice',
  status: '/status',
  stepPattern: '/step/:step',
  /** What the representative's phone fetches on answering a "Call now" from the console. */
  outboundConnectPattern: '/outbound/connect/:callbackId/:staffId',
} as const

/** The absolute path a step's question answers to, as written into TwiML. */
export function stepPath(step: StepName): string {
  return `${ivrPaths.mount}/step/${step}`
}

/** The absolute path of the webhook that connects a representative's answered "Call now" to the parent. */
export function outboundConnectPath(callbackId: number, staffId: number): string {
  return `${ivrPaths.mount}/outbound/connect/${callbackId}/${staffId}`
}
