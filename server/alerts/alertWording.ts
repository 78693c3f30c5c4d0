import type { TFunction } from 'i18next'

import type { AlertKind } from './alertKinds'

// The words of an alert, in the parent's language, from locales/<language>/alerts.json. A text is written for a
// phone's screen (short, the action first, the link last); every text ends with how to stop them, as carriers ask.

export interface AlertWords {
  text: string
  emailSubject: string
  emailText: string
}

export interface AlertLinks {
  signIn: string
  settings: string
  agencyPhone: string
}

export function wordAlert(t: TFunction, kind: AlertKind, details: Record<string, string>, links: AlertLinks): AlertWords {
  const values = { ...details, signInUrl: links.signIn, settingsUrl: links.settings, agencyPhone: links.agencyPhone }
  return {
    text: `${t(`alerts:${kind}.text`, values)} ${t('alerts:textFooter')}`,
    emailSubject: t(`alerts:${kind}.emailSubject`, values),
    emailText: [t(`alerts:${kind}.emailText`, values), '', t('alerts:emailFooter', values)].join('\n'),
  }
}
