// The short warnings at the top of a case, on the page and first on the phone. Each is a noun phrase that reads the
// same to either parent and to a rep: "Driver's license suspended since …", "Hearing on …".
import type { CaseSituation } from './caseSituation'
import { type Message, count, date, dateTime, message, text } from './messages'

export type AlertKind =
  | 'license_suspended'
  | 'license_at_risk'
  | 'hearing_soon'
  | 'appointment_soon'
  | 'documents_due'
  | 'support_paused'
  | 'support_resumed'

export interface CaseAlert extends Message {
  kind: AlertKind
}

/** "Within 14 days": far enough to arrange time off work or childcare, near enough to be urgent. */
export const SOON_DAYS = 14

function addDaysToInstant(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 86_400_000).toISOString()
}

export function caseAlerts(situation: CaseSituation): CaseAlert[] {
  const alerts: CaseAlert[] = []
  const license = situation.license
  if (license?.status === 'suspended') {
    alerts.push({ kind: 'license_suspended', ...message('cases:alerts.licenseSuspended', { since: date(license.since ?? situation.today) }) })
  } else if (license?.status === 'notice_sent' || license?.status === 'listed') {
    alerts.push({ kind: 'license_at_risk', ...message('cases:alerts.licenseAtRisk', { since: date(license.since ?? situation.today) }) })
  }

  const soon = addDaysToInstant(situation.now, SOON_DAYS)
  for (const event of situation.events) {
    if (event.kind === 'document_request' || event.at > soon) continue
    const kind = event.kind === 'hearing' ? 'hearing_soon' : 'appointment_soon'
    const key = event.kind === 'hearing' ? 'cases:alerts.hearingSoon' : 'cases:alerts.appointmentSoon'
    alerts.push({ kind, ...message(key, { dateTime: dateTime(event.at), topic: text(event.topic) }) })
  }

  const documents = situation.events.filter((e) => e.kind === 'document_request')
  const firstDue = documents[0]
  if (firstDue) {
    alerts.push({
      kind: 'documents_due',
      ...message('cases:alerts.documentsDue', { documents: count(documents.length), dueDate: date(firstDue.at.slice(0, 10)) }),
    })
  }

  const release = situation.release
  if (release?.paused) {
    alerts.push({ kind: 'support_paused', ...message('cases:alerts.supportPaused', { resumesOn: date(release.resumesOn) }) })
  } else if (release) {
    alerts.push({ kind: 'support_resumed', ...message('cases:alerts.supportResumed', { resumedOn: date(release.resumesOn) }) })
  }
  return alerts
}
