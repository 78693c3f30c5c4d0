import type { CaseSummary } from '../server/cases/caseSummaries'
import type { HistoryItem } from '../server/cases/paymentHistory'
import { callerPrincipal, chosenCase } from './callerCase'
import type { AnswerName } from './flowState'
import { spokenMessage } from './spokenMessage'
import { spokenDate, spokenEnding, spokenMoney, spokenMonth } from './spokenFormats'
import type { Answer, Turn } from './turn'

// What a signed-in caller hears about the case they chose. Every figure is read from the case-inquiry service (the
// same CaseSummary, history and next steps the portal shows) and only put into words here: the phone line
// computes nothing of its own. Balances and payment methods have spoken words of their own (ivr:spoken), since a
// label written for a table ("Income withholding") is not what a sentence says aloud ("by income withholding").

/** Payments and disbursements read out by "recent payments". */
export const recentItemsSpoken = 3
/** Next steps read out; the rest are on the web and with a representative. */
export const nextStepsSpoken = 5

const money = (turn: Turn, cents: number) => spokenMoney(cents, turn.language, turn.t)
const date = (turn: Turn, isoDate: string) => spokenDate(isoDate, turn.language)
/** "by income withholding", "por depósito directo": the way money moved, as words in the middle of a sentence. */
const method = (turn: Turn, name: string) => turn.t(`ivr:spoken.method.${name}`)

/** "100 dollars on May 1, 2025, by direct deposit", or without the method when the ledger does not say. */
function moneyMoved(turn: Turn, key: string, item: { amountCents: number; date: string; method: string | null }): string {
  const params = { amount: money(turn, item.amountCents), date: date(turn, item.date) }
  return item.method ? turn.t(key, { ...params, method: method(turn, item.method) }) : turn.t(`${key}WithoutMethod`, params)
}

function caseIntro(turn: Turn, summary: CaseSummary): string {
  return turn.t('ivr:case.intro', { digits: spokenEnding(summary.caseNumber), date: date(turn, summary.asOf) })
}

const balance: Answer = async (turn) => {
  const summary = await chosenCase(turn)
  const b = summary.balances
  const receiving = summary.viewer === 'receiving'
  const lines = [caseIntro(turn, summary)]
  lines.push(
    b.totalOwedCents === 0
      ? turn.t(receiving ? 'ivr:balance.nothingOwedToYou' : 'ivr:balance.nothingOwed')
      : turn.t(receiving ? 'ivr:balance.totalOwedToCase' : 'ivr:balance.totalYouOwe', { amount: money(turn, b.totalOwedCents) }),
  )
  const parts: Array<[string, number]> = [
    ['currentDue', b.currentDueCents],
    ['familyArrears', b.familyArrearsCents],
    ['stateArrears', b.stateArrearsCents],
    ['interest', b.interestCents],
  ]
  for (const [part, cents] of parts) {
    if (cents > 0) lines.push(turn.t(`ivr:spoken.balance.${part}`, { amount: money(turn, cents) }))
  }
  const credit = summary.paying?.creditHeldCents ?? 0
  if (credit > 0) lines.push(turn.t('ivr:balance.credit', { amount: money(turn, credit) }))

  const last = summary.lastPayment
  lines.push(
    last
      ? turn.t(receiving ? 'ivr:balance.lastPaymentOnCase' : 'ivr:balance.lastPayment', {
          amount: money(turn, last.amountCents),
          date: date(turn, last.postedOn),
          method: method(turn, last.method),
        })
      : turn.t('ivr:balance.noPayment'),
  )
  const sent = summary.receiving?.lastDisbursement
  if (receiving && sent) {
    lines.push(moneyMoved(turn, 'ivr:balance.lastSentToYou', { amountCents: sent.amountCents, date: sent.postedOn, method: sent.method }))
  }
  return lines
}

const recentPayments: Answer = async (turn) => {
  const summary = await chosenCase(turn)
  const receiving = summary.viewer === 'receiving'
  const history = await turn.services.cases.getPaymentHistory(callerPrincipal(turn), summary.caseId, { page: 1, pageSize: 25 }, 'phone')
  // A receiving parent asks what reached them: disbursements. A paying parent, what they paid.
  const wanted: HistoryItem['kind'] = receiving ? 'disbursement' : 'payment'
  const items = history.items.filter((item) => item.kind === wanted).slice(0, recentItemsSpoken)
  if (items.length === 0) return [caseIntro(turn, summary), turn.t(receiving ? 'ivr:payments.noneSent' : 'ivr:payments.none')]
  return [
    caseIntro(turn, summary),
    turn.t(receiving ? 'ivr:payments.recentSent' : 'ivr:payments.recentPaid', { count: items.length }),
    ...items.map((item) => moneyMoved(turn, 'ivr:payments.item', { ...item, method: item.kind === 'fee' ? null : item.method })),
  ]
}

function nextForPayingParent(turn: Turn, summary: CaseSummary): string[] {
  const next = summary.paying?.nextPayment ?? { kind: 'none' as const }
  switch (next.kind) {
    case 'now':
      return [turn.t('ivr:next.dueNow', { amount: money(turn, next.dueCents), month: spokenMonth(next.monthStart, turn.language) })]
    case 'next_month':
      return [
        turn.t('ivr:next.nextMonth', { amount: money(turn, next.expectedCents), date: date(turn, next.dueOn) }),
        ...(next.expectedCents < next.monthlyCents
          ? [turn.t('ivr:next.afterCredit', { monthly: money(turn, next.monthlyCents) })]
          : []),
      ]
    case 'resumes':
      return [turn.t('ivr:next.resumes', { amount: money(turn, next.monthlyCents), date: date(turn, next.dueOn) })]
    case 'none':
      return [turn.t('ivr:next.none')]
  }
}

const nextPayment: Answer = async (turn) => {
  const summary = await chosenCase(turn)
  if (summary.viewer !== 'receiving') return [caseIntro(turn, summary), ...nextForPayingParent(turn, summary)]
  const expected = summary.receiving?.nextExpectedDisbursement
  return [
    caseIntro(turn, summary),
    expected
      ? turn.t('ivr:next.expected', { amount: money(turn, expected.amountCents), date: date(turn, expected.expectedOn) })
      : turn.t('ivr:next.noneExpected'),
  ]
}

const nextSteps: Answer = async (turn) => {
  const summary = await chosenCase(turn)
  const result = await turn.services.cases.getNextSteps(callerPrincipal(turn), summary.caseId, 'phone')
  const steps = result.steps.slice(0, nextStepsSpoken)
  // With nothing to do but the way to reach us, "Here is what happens next" would lead into nothing: say so plainly.
  const nothingToDo = steps.every((step) => step.kind === 'contact_us')
  return [
    caseIntro(turn, summary),
    turn.t(nothingToDo ? 'ivr:nextSteps.nothingToDo' : 'ivr:nextSteps.intro'),
    ...steps.map((step) => spokenMessage(step, turn.language, turn.t)),
  ]
}

export const caseAnswers = { balance, recentPayments, nextPayment, nextSteps } satisfies Partial<Record<AnswerName, Answer>>
