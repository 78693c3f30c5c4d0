import type { TFunction } from 'i18next'

import type { AlertKind } from './alertKinds'

// The words of an alert, in the parent's language, from locales/<language>/alerts.json. A text is written for a
// phone's screen (short, the action first, the link last); every text ends with how to stop them, as carriers ask.
// An alert whose details say `protected` (a parent the agency protects from family violence) takes the kind's
// "_protected" words, which name nothing of the case. Otherwise details may carry a `variant` (a hearing rather than an
// appointment) that picks the kind's words of that name ("text_hearing").

export interface AlertWords {
  text: string
  emailSubject: string
  emailText: string
}

export interface AlertLinks {
  signIn: string
  /** Where the contacts on the parent's record are changed (a security notice goes to those). */
  settings: string
  /** Where the parent chooses alerts and turns them off. */
  alertSettings: string
  agencyPhone: string
  /** The form that asks for a callback (a parent signed out is asked to sign in first). */
  requestCallback: string
}

/** Where an email of this kind says the parent can stop it (and its List-Unsubscribe header points). */
export function unsubscribeUrlFor(kind: AlertKind, links: AlertLinks): string {
  return kind === 'security_notice' ? links.settings : links.alertSettings
}

export function wordAlert(t: TFunction, kind: AlertKind, details: Record<string, string>, links: AlertLinks): AlertWords {
  const values = {
    ...details,
    signInUrl: links.signIn,
    settingsUrl: unsubscribeUrlFor(kind, links),
    agencyPhone: links.agencyPhone,
    callbackUrl: links.requestCallback,
    ...(details.protected ? { context: 'protected' } : details.variant ? { context: details.variant } : {}),
  }
  const footer = kind === 'security_notice' ? 'alerts:emailFooter' : 'alerts:chosenEmailFooter'
  return {
    text: `${t(`alerts:${kind}.text`, values)} ${t('alerts:textFooter')}`,
    emailSubject: t(`alerts:${kind}.emailSubject`, values),
    emailText: [t(`alerts:${kind}.emailText`, values), '', t(footer, values)].join('\n'),
  }
}
