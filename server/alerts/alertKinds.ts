// What an alert is about. Each kind has its words in locales/<language>/alerts.json: a text, an email subject and an
// email body, none of them carrying an amount, a name or an address (a phone's lock screen shows a text to whoever
// holds it).

/** The kinds a parent chooses among on the alerts page, in the order the page lists them. */
export const choosableAlertKinds = [
  'payment_due_soon',
  'payment_missing',
  'payment_posted',
  'money_sent',
  'appointment_coming',
  'document_requested',
  'callback_scheduled',
  'callback_missed',
  'caseworker_reply',
] as const

/** Kinds about paying (due soon, missing, posted) and about being paid (money sent): only for a parent on that side. */
const payingKinds: readonly ChoosableAlertKind[] = ['payment_due_soon', 'payment_missing', 'payment_posted']
const receivingKinds: readonly ChoosableAlertKind[] = ['money_sent']

/**
 * The kinds that can reach a parent with these roles, in the page's order: a receiving parent is never offered "your
 * payment is due", a paying parent never "money is on its way". A parent on both sides (of different cases) gets both.
 */
export function alertKindsFor(sides: { paying: boolean; receiving: boolean }): ChoosableAlertKind[] {
  return choosableAlertKinds.filter(
    (kind) => (sides.paying || !payingKinds.includes(kind)) && (sides.receiving || !receivingKinds.includes(kind)),
  )
}

/**
 * Every kind. A security notice (someone tried the parent's sign-in facts) is not a choice: it goes to the contacts on
 * the parent's record, confirmed for alerts or not, because it may be the only sign that someone is trying.
 */
export const alertKinds = ['security_notice', ...choosableAlertKinds] as const
export type AlertKind = (typeof alertKinds)[number]
export type ChoosableAlertKind = (typeof choosableAlertKinds)[number]

export function isChoosableAlertKind(kind: string): kind is ChoosableAlertKind {
  return (choosableAlertKinds as readonly string[]).includes(kind)
}
