// Every path of the rep and supervisor console, named once. Pages build links with the `consolePath` helper and
// controllers with `consolePathTo`; tests import these too.

export const consolePaths = {
  home: '/console',
  signIn: '/console/sign-in',
  signOut: '/console/sign-out',
  sessionEnded: '/console/signed-out',
  sessionStatus: '/console/session/status',
  staySignedIn: '/console/session/stay-signed-in',

  queue: '/console/queue',
  claimNext: '/console/queue/claim-next',
  callback: '/console/callbacks/:callbackId',
  claim: '/console/callbacks/:callbackId/claim',
  release: '/console/callbacks/:callbackId/release',
  attempt: '/console/callbacks/:callbackId/attempts',
  callNow: '/console/callbacks/:callbackId/call-now',
  message: '/console/messages/:threadId',
  messageClaim: '/console/messages/:threadId/claim',
  messageRelease: '/console/messages/:threadId/release',
  messageReply: '/console/messages/:threadId/replies',
  /** A document a parent sent, as a download; its review (accept, or decline with a reason). */
  document: '/console/documents/:documentId',
  documentReview: '/console/documents/:documentId/review',

  caseSearch: '/console/cases',
  casePage: '/console/cases/:caseId',
  caseAudit: '/console/cases/:caseId/audit',

  dashboard: '/console/dashboard',
  dashboardCsv: '/console/dashboard.csv',
} as const

export type ConsolePathName = keyof typeof consolePaths

/** A concrete URL from a path pattern: consolePathTo('callback', { callbackId: 7 }). */
export function consolePathTo(name: ConsolePathName, params: Record<string, string | number> = {}): string {
  return consolePaths[name].replace(/:(\w+)/g, (_match, key: string) => {
    const value = params[key]
    if (value === undefined) throw new Error(`consolePathTo ${name} needs ${key}`)
    return encodeURIComponent(String(value))
  })
}
