import type { Services } from '../server/services'

// The domain services the phone line uses, and nothing more: what it may do is readable here, and every figure a
// caller hears comes from the case-inquiry service the portal reads too.

export interface PhoneServices {
  identity: Pick<Services['identity'], 'signInWithPin'>
  attemptLimits: Pick<Services['attemptLimits'], 'attempt'>
  calls: Services['calls']
  cases: Pick<Services['cases'], 'listCaseSummaries' | 'getCaseSummary' | 'getPaymentHistory' | 'getNextSteps'>
  callbacks: Pick<Services['callbacks'], 'officeStatus' | 'requestCallback' | 'findOpenForParent'>
  /** Only whether a reply waits: the phone line never reads a message. */
  messages: Pick<Services['messages'], 'unreadReplies'>
  /** Only whether the caller gets no alerts, to say they can be turned on online. */
  alertSettings: Pick<Services['alertSettings'], 'alertsOff'>
}
