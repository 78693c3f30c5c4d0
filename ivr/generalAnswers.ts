import { paymentLines, spokenHours, spokenOffice } from './agencyFacts'
import type { AnswerName } from './flowState'
import { spokenWhen } from './spokenFormats'
import type { Answer, Turn } from './turn'

// Answers for every caller, signed in or not: when people answer (with whether they do right now, from the business
// calendar the callback queue uses) and where the offices are, how to apply, what the agency does, and each way to
// pay with where the money goes. Offices, hours and payment destinations come from the agency directory the web
// reads too (server/agency), never from words in a locale file.

const officeHours: Answer = async (turn) => {
  const directory = turn.settings.agency
  const office = turn.services.callbacks.officeStatus(turn.now)
  const now = office.open
    ? turn.t('ivr:general.openNow')
    : turn.t('ivr:general.closedNow', { time: spokenWhen(office.nextOpenAt, turn.now, turn.language, turn.t) })
  return [
    turn.t('ivr:general.officeHours', { hours: spokenHours(directory.phoneHours, turn) }),
    now,
    ...directory.offices.map((o) => spokenOffice(o, turn)),
    turn.t('ivr:general.lineAlwaysOpen'),
  ]
}

const fixed =
  (...keys: string[]): Answer =>
  async (turn) =>
    keys.map((key) => turn.t(key))

const way =
  (name: keyof ReturnType<typeof paymentLines>): Answer =>
  async (turn: Turn) => [...paymentLines(turn.settings.agency, turn)[name], turn.t('ivr:pay.cutoff')]

export const generalAnswers = {
  officeHours,
  howToApply: fixed('ivr:general.howToApply'),
  whatWeDo: fixed('ivr:general.weDo', 'ivr:general.weDoNot', 'ivr:general.selfHelp'),
  payOnline: way('online'),
  payMoneyGram: way('moneygram'),
  payNearMe: way('paynearme'),
  payByMail: way('mail'),
  payPal: way('paypal'),
  payWithholding: fixed('ivr:pay.withholding'),
} satisfies Partial<Record<AnswerName, Answer>>
