// What an alert is about. Each kind has its words in locales/<language>/alerts.json: a text, an email subject and an
// email body, none of them carrying an amount, a name or an address (a phone's lock screen shows a text to whoever
// holds it).

export const alertKinds = ['security_notice'] as const
export type AlertKind = (typeof alertKinds)[number]
