import { publicPaths } from '../paths'

// Every path of the parent portal, named once. Pages and tests build links from here, never from typed strings.

export const portalPaths = {
  ...publicPaths,
  whatWeDo: '/what-we-do',
  howToApply: '/how-to-apply',
  accessibility: '/accessibility',
  privacy: '/privacy',
  payoffCalculator: '/payoff-calculator',

  signOut: '/sign-out',
  sessionEnded: '/signed-out',
  sessionStatus: '/session/status',
  staySignedIn: '/session/stay-signed-in',
  activate: '/activate',
  activated: '/activate/done',
  reset: '/reset',
  resetDone: '/reset/done',

  dashboard: '/account',
  casePage: '/account/cases/:caseId',
  payments: '/account/cases/:caseId/payments',
  paymentsCsv: '/account/cases/:caseId/payments.csv',
  paymentExplanation: '/account/cases/:caseId/payments/:paymentId',
  casePayoffCalculator: '/account/cases/:caseId/payoff-calculator',
  /** The months with a statement; with ?month=YYYY-MM, that month's statement as a PDF download. */
  statements: '/account/cases/:caseId/statements',
  callbacks: '/account/callbacks',
  requestCallback: '/account/callbacks/new',
  callbackConfirmation: '/account/callbacks/:code',
  cancelCallback: '/account/callbacks/:code/cancel',
  callbacksCancelled: '/account/callbacks/cancelled',
  messages: '/account/messages',
  newMessage: '/account/messages/new',
  messageThread: '/account/messages/:threadId',
  replyToThread: '/account/messages/:threadId/reply',
  /** A document on the parent's own thread, as a download. */
  messageDocument: '/account/messages/:threadId/documents/:documentId',
  /** The documents the agency asked for, each with where it stands; one of them, to send. */
  documentRequests: '/account/documents',
  answerDocumentRequest: '/account/documents/:eventId',
  /** Report a change: what the agency asks parents to tell it, each a form of its own. */
  reportChange: '/account/changes',
  reportJob: '/account/changes/job',
  reportHousehold: '/account/changes/household',
  reportOtherParent: '/account/changes/other-parent',
  details: '/account/details',
  detailsSaved: '/account/details/saved',
  /** Text and email alerts: where they go and about what. */
  alerts: '/account/alerts',
  alertsText: '/account/alerts/text',
  alertsTextCode: '/account/alerts/text/code',
  alertsTextOff: '/account/alerts/text/off',
  alertsEmail: '/account/alerts/email',
  alertsEmailOff: '/account/alerts/email/off',
  alertsChoices: '/account/alerts/choices',
  /** The emailed link that confirms an address; it works without signing in, and confirms only on a button press. */
  confirmAlertEmail: '/alerts/confirm-email',
} as const

type PathWithParams = { [K in keyof typeof portalPaths]: (typeof portalPaths)[K] extends `${string}:${string}` ? K : never }[keyof typeof portalPaths]

/** A concrete URL from a path pattern: pathTo('casePage', { caseId: 7 }). */
export function pathTo(name: PathWithParams, params: Record<string, string | number>): string {
  return portalPaths[name].replace(/:(\w+)/g, (_match, key: string) => {
    const value = params[key]
    if (value === undefined) throw new Error(`pathTo ${name} needs ${key}`)
    return encodeURIComponent(String(value))
  })
}

/** The forms that send files (multipart): their own routes check the form token after the upload has read it. */
const uploadPathPatterns = [portalPaths.newMessage, portalPaths.replyToThread, portalPaths.answerDocumentRequest].map(
  (pattern) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`),
)

export function isUploadPath(path: string): boolean {
  return uploadPathPatterns.some((pattern) => pattern.test(path))
}
