import { callerCases } from '../callerCase'
import { spokenEnding } from '../spokenFormats'
import type { Turn } from '../turn'
import type { VoiceResponse } from '../voice'
import { type MenuChoice, menuStep } from './menu'
import { fallBackToPerson } from './navigation'

// "For the case ending in 1 2 3 4, where you pay support, press 1." A parent with one case goes straight to the main
// menu; a parent on both sides of different cases hears which side each case is.

/** Keys 1 to 8: 9 is "repeat" and 0 "a person" in every menu. */
const maxCasesByKey = 8

/** Where a caller goes once signed in: their one case, the choice of cases, or (no open case) general information. */
export async function startWithCases(turn: Turn, signedInLead: readonly string[]): Promise<VoiceResponse> {
  // A reply waiting on the website is said once, right after sign-in; the message itself is never read aloud.
  const participantId = turn.flow.participantId
  const [unread, alertsOff] =
    participantId === null ? [0, false] : await Promise.all([turn.services.messages.unreadReplies(participantId), turn.services.alertSettings.alertsOff(participantId)])
  // So is a parent who gets no text or email alerts: they are told, once, that alerts can be turned on online.
  const lead = [...signedInLead, ...(unread > 0 ? [turn.t('ivr:messages.replyWaiting')] : []), ...(alertsOff ? [turn.t('ivr:alerts.off')] : [])]
  const cases = await callerCases(turn)
  turn.flow.caseIds = cases.slice(0, maxCasesByKey).map((c) => c.caseId)
  turn.flow.caseId = null
  if (cases.length === 0) return turn.goTo('generalMenu', [...lead, turn.t('ivr:caseChoice.noCases')])
  if (cases.length === 1) {
    turn.flow.caseId = cases[0]!.caseId
    return turn.goTo('mainMenu', lead)
  }
  return turn.goTo('caseChoice', lead)
}

export const caseChoice = menuStep({
  step: 'caseChoice',
  intro: (turn) => [turn.t('ivr:caseChoice.intro', { count: turn.flow.caseIds.length })],
  async choices(turn) {
    const cases = (await callerCases(turn)).filter((c) => turn.flow.caseIds.includes(c.caseId))
    const byKey: MenuChoice[] = cases.map((summary, index) => ({
      key: String(index + 1),
      label: turn.t(summary.viewer === 'receiving' ? 'ivr:caseChoice.receiving' : 'ivr:caseChoice.paying', {
        digits: spokenEnding(summary.caseNumber),
      }),
      choose(current) {
        current.flow.caseId = summary.caseId
        return current.goTo('mainMenu')
      },
    }))
    return byKey
  },
  // From a case's menu, star goes back to it; right after signing in there is nothing before this menu.
  back: (turn) => (turn.flow.caseId !== null ? { label: turn.t('ivr:caseChoice.back'), go: (c) => c.goTo('mainMenu') } : null),
  fallback: fallBackToPerson,
})
