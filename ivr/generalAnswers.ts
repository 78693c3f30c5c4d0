import type { AnswerName } from './flowState'
import { spokenDateTime } from './spokenFormats'
import type { Answer } from './turn'

// Answers for every caller, signed in or not: office hours (with whether people answer right now, from the
// business calendar the callback queue uses), how to apply, what the agency does, and each way to pay.

const officeHours: Answer = async (turn) => {
  const office = turn.services.callbacks.officeStatus(turn.now)
  const now = office.open
    ? turn.t('ivr:general.openNow')
    : turn.t('ivr:general.closedNow', { time: spokenDateTime(office.nextOpenAt, turn.language) })
  return [turn.t('ivr:general.officeHours'), now, turn.t('ivr:general.address'), turn.t('ivr:general.lineAlwaysOpen')]
}

const fixed =
  (...keys: string[]): Answer =>
  async (turn) =>
    keys.map((key) => turn.t(key))

export const generalAnswers = {
  officeHours,
  howToApply: fixed('ivr:general.howToApply'),
  whatWeDo: fixed('ivr:general.weDo', 'ivr:general.weDoNot', 'ivr:general.selfHelp'),
  payOnline: fixed('ivr:pay.online', 'ivr:pay.cutoff'),
  payMoneyGram: fixed('ivr:pay.moneygram', 'ivr:pay.cutoff'),
  payNearMe: fixed('ivr:pay.paynearme', 'ivr:pay.cutoff'),
  payByMail: fixed('ivr:pay.mail', 'ivr:pay.cutoff'),
  payPal: fixed('ivr:pay.paypal', 'ivr:pay.cutoff'),
  payWithholding: fixed('ivr:pay.withholding'),
} satisfies Partial<Record<AnswerName, Answer>>
