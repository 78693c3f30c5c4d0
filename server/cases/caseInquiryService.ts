// The case-inquiry service: the one thing the portal, the phone line and the rep console read about a case.
// Each call takes the principal (never a participant id from the request), checks access (caseAccess.ts), reads
// what that viewer may see (caseFacts.ts), computes with the pure rules, records the read in the audit trail, and
// returns typed data whose words are message keys. An audit row is written before any result leaves the service;
// if it cannot be written, nothing is shown.
import type { Kysely } from 'kysely'

import { type CaseAuditEvent, createAuditTrail } from '../audit/auditTrail'
import { type Channel, type Principal, principalActor } from '../audit/principal'
import { type Clock, agencyToday } from '../clock'
import type { Database } from '../db/schema'
import { type CaseView, isCaseId, parentCaseViews, resolveCaseView } from './caseAccess'
import { CaseNotFound } from './caseErrors'
import { type CaseFacts, loadCaseFacts } from './caseFacts'
import { createCaseRepository } from './caseRepository'
import { type CaseSituation, caseSituation } from './caseSituation'
import { type CaseSummary, caseSummary } from './caseSummaries'
import { type EnforcementStatus, enforcementStatus } from './enforcementStatus'
import { type NextStep, nextSteps } from './nextSteps'
import { type PaymentExplanation, explainPayment } from './paymentExplanation'
import {
  type PaymentHistory, type PaymentHistoryQuery, checkHistoryQuery, paymentHistory, paymentHistoryYears,
} from './paymentHistory'
import { type CasePayoff, type PayoffCalculatorInput, type PayoffRequest, calculatePayoff, casePayoff } from './payoff'
import { addMonths, monthStart } from '../agencyTime/calendarDates'
import { type MonthlyStatement, monthlyStatement } from '../statements/monthlyStatement'
import {
  type StatementChoices, StatementMonthInvalid, checkStatementMonth, statementMonths,
} from '../statements/statementMonths'
import type { PayoffSchedule } from './rules/payoffSchedule'
import type { IsoDate } from './rules/ledgerTypes'

export type CaseReadAction =
  | 'case.summary'
  | 'case.history'
  | 'case.payment_explanation'
  | 'case.enforcement'
  | 'case.next_steps'
  | 'case.payoff'
  | 'case.statement'
  | 'case.statement_months'

export interface PaymentsOverview {
  caseId: number
  caseNumber: string
  caseNumberLast4: string
  viewer: CaseView['viewer']
  years: PaymentHistory['years']
}

/** A case as a form offers it for choosing: which case (by its number's last four digits) and the parent's side. */
export interface CaseChoice {
  caseId: number
  caseNumberLast4: string
  viewer: CaseView['viewer']
}

/** The payments page: the overview, the year it shows (the newest with entries unless asked) and that year's page. */
export interface PaymentsPage {
  overview: PaymentsOverview
  /** A calendar year as "YYYY", or "all". */
  chosen: string
  history: PaymentHistory
}

/** One view of a case as a page shows it: the summary, enforcement and next steps, from one reading of the case. */
export interface CaseViewResult {
  summary: CaseSummary
  enforcement: EnforcementStatus
  nextSteps: NextStepsResult
}

export interface NextStepsResult {
  caseId: number
  viewer: CaseView['viewer']
  asOf: IsoDate
  steps: NextStep[]
}

export function createCaseInquiryService(deps: { db: Kysely<Database>; clock: Clock }) {
  const repository = createCaseRepository(deps.db)
  const audit = createAuditTrail(deps.db, deps.clock)

  /** One reading of the clock per call, so "today" and "now" agree. */
  const requestMoment = () => {
    const now = deps.clock.now()
    return { today: agencyToday({ now: () => now }), now: now.toISOString() }
  }

  const record = (principal: Principal, channel: Channel, events: Array<Omit<CaseAuditEvent, 'actor' | 'channel'>>) =>
    audit.recordCaseEvents(
      events.map((event) => ({ ...event, actor: principalActor(principal), channel })),
    )

  /** Access check; a refusal is recorded (a parent probing case ids shows in the case's trail) and then thrown. */
  async function open(principal: Principal, caseId: unknown, channel: Channel): Promise<CaseView> {
    try {
      return await resolveCaseView(repository, principal, caseId)
    } catch (error) {
      if (error instanceof CaseNotFound && isCaseId(caseId)) {
        await record(principal, channel, [{ caseId, action: 'case.denied' }])
      }
      throw error
    }
  }

  async function read<T>(
    principal: Principal,
    caseId: unknown,
    channel: Channel,
    action: CaseReadAction,
    compute: (facts: CaseFacts) => T | Promise<T>,
    details?: CaseAuditEvent['details'],
  ): Promise<T> {
    const view = await open(principal, caseId, channel)
    const facts = await loadCaseFacts(repository, view, requestMoment())
    const result = await compute(facts)
    await record(principal, channel, [{ caseId: view.caseId, action, details }])
    return result
  }

  return {
    /** Every case the parent holds a paying or receiving role on; staff look a case up by id instead. */
    async listCaseSummaries(principal: Principal, channel: Channel): Promise<CaseSummary[]> {
      if (principal.kind !== 'parent') return []
      const at = requestMoment()
      const summaries: CaseSummary[] = []
      for (const view of await parentCaseViews(repository, principal.participantId)) {
        summaries.push(caseSummary(await loadCaseFacts(repository, view, at)))
      }
      await record(principal, channel, summaries.map((s) => ({ caseId: s.caseId, action: 'case.summary' as const })))
      return summaries
    },

    /**
     * The parent's cases for a form's case list (a callback, a message, a document, a change report, the alerts' kinds):
     * one query for the roles with their cases. Nothing of a case's figures, orders or history is read, so no ledger is
     * replayed and no audit row written: like the access check itself, it only says which cases are the parent's.
     */
    async listCaseChoices(principal: Principal): Promise<CaseChoice[]> {
      if (principal.kind !== 'parent') return []
      const views = await parentCaseViews(repository, principal.participantId)
      return views.map((view) => ({ caseId: view.caseId, caseNumberLast4: view.record.caseNumber.slice(-4), viewer: view.viewer }))
    },

    getCaseSummary(principal: Principal, caseId: number, channel: Channel): Promise<CaseSummary> {
      return read(principal, caseId, channel, 'case.summary', caseSummary)
    },

    async getPaymentHistory(
      principal: Principal,
      caseId: number,
      query: PaymentHistoryQuery,
      channel: Channel,
    ): Promise<PaymentHistory> {
      const view = await open(principal, caseId, channel)
      const checked = checkHistoryQuery(query, requestMoment().today)
      const history = await paymentHistory(repository, view.caseId, view.viewer, checked)
      await record(principal, channel, [
        { caseId: view.caseId, action: 'case.history', details: { from: checked.from, to: checked.to, page: checked.page } },
      ])
      return history
    },

    /**
     * What the payments page needs around the history: the case's number and the viewer's side, and the totals of every
     * year with entries (oldest first), for choosing a year. One access check and one sum query: no ledger replay.
     */
    async getPaymentsOverview(principal: Principal, caseId: number, channel: Channel): Promise<PaymentsOverview> {
      const view = await open(principal, caseId, channel)
      const everything = await paymentHistoryYears(repository, view.caseId, view.viewer, requestMoment().today)
      await record(principal, channel, [{ caseId: view.caseId, action: 'case.history', details: { overview: true } }])
      return {
        caseId: view.caseId,
        caseNumber: view.record.caseNumber,
        caseNumberLast4: view.record.caseNumber.slice(-4),
        viewer: view.viewer,
        years: everything,
      }
    },

    /**
     * The payments page in one reading: one access check, the years' sums, the chosen year's page of history and its
     * sums, and one audit row (the history's), where the overview and the history as two calls made two of each.
     * `year` null chooses the newest year with entries (every year when there are none).
     */
    async getPaymentsPage(
      principal: Principal,
      caseId: number,
      query: { year: number | 'all' | null; page?: number; pageSize?: number },
      channel: Channel,
    ): Promise<PaymentsPage> {
      const view = await open(principal, caseId, channel)
      const { today } = requestMoment()
      const years = await paymentHistoryYears(repository, view.caseId, view.viewer, today)
      const chosen = String(query.year ?? years.at(-1)?.year ?? 'all')
      const range = chosen === 'all' ? {} : { from: `${chosen}-01-01`, to: `${chosen}-12-31` }
      const checked = checkHistoryQuery({ ...range, page: query.page, pageSize: query.pageSize }, today)
      const history = await paymentHistory(repository, view.caseId, view.viewer, checked)
      await record(principal, channel, [
        { caseId: view.caseId, action: 'case.history', details: { from: checked.from, to: checked.to, page: checked.page } },
      ])
      const overview = {
        caseId: view.caseId,
        caseNumber: view.record.caseNumber,
        caseNumberLast4: view.record.caseNumber.slice(-4),
        viewer: view.viewer,
        years,
      }
      return { overview, chosen, history }
    },

    explainPayment(principal: Principal, caseId: number, paymentId: number, channel: Channel): Promise<PaymentExplanation> {
      return read(principal, caseId, channel, 'case.payment_explanation', (facts) => explainPayment(facts, paymentId), {
        paymentId: Number.isSafeInteger(paymentId) ? paymentId : null,
      })
    },

    /**
     * Where a payment went, with the case's summary for the page around it, from one load of the case, one replay and
     * one audit row (the explanation's), instead of two of each.
     */
    getPaymentExplanationView(
      principal: Principal,
      caseId: number,
      paymentId: number,
      channel: Channel,
    ): Promise<{ summary: CaseSummary; explanation: PaymentExplanation }> {
      return read(
        principal,
        caseId,
        channel,
        'case.payment_explanation',
        (facts) => ({ explanation: explainPayment(facts, paymentId), summary: caseSummary(facts) }),
        { paymentId: Number.isSafeInteger(paymentId) ? paymentId : null },
      )
    },

    getEnforcement(principal: Principal, caseId: number, channel: Channel): Promise<EnforcementStatus> {
      return read(principal, caseId, channel, 'case.enforcement', enforcementOf)
    },

    getNextSteps(principal: Principal, caseId: number, channel: Channel): Promise<NextStepsResult> {
      return read(principal, caseId, channel, 'case.next_steps', (facts) => nextStepsOf(facts, caseSituation(facts)))
    },

    /**
     * What a case page shows (the summary, enforcement and next steps) from one load of the case, one replay of its
     * ledger and one audit row, instead of three of each. The summary's row says the view showed the other two.
     */
    getCaseView(principal: Principal, caseId: number, channel: Channel): Promise<CaseViewResult> {
      return read(
        principal,
        caseId,
        channel,
        'case.summary',
        (facts) => {
          const enforcement = enforcementOf(facts)
          const situation = caseSituation(facts, enforcement)
          return { summary: caseSummary(facts, situation), enforcement, nextSteps: nextStepsOf(facts, situation) }
        },
        { withEnforcement: true, withNextSteps: true },
      )
    },

    /** The paying parent's arrears payoff; the receiving side of a case has none, so it is not found for them. */
    getPayoffSchedule(principal: Principal, caseId: number, request: PayoffRequest, channel: Channel): Promise<CasePayoff> {
      return read(principal, caseId, channel, 'case.payoff', (facts) => {
        if (facts.view.viewer === 'receiving') throw new CaseNotFound(caseId)
        return casePayoff(facts.view.caseId, facts.statement, request)
      })
    },

    /**
     * A month's statement (a download of the portal): the same facts and engine as the case page, one audit row
     * naming the month. A month that has not begun or is before the case opened is refused with the months there are.
     */
    getMonthlyStatement(principal: Principal, caseId: number, month: string, channel: Channel): Promise<MonthlyStatement> {
      return read(
        principal,
        caseId,
        channel,
        'case.statement',
        (facts) => {
          const checked = checkStatementMonth(month, facts.view.record.openedOn, facts.today)
          if (!checked.ok) throw new StatementMonthInvalid(checked.messageKey, choicesOf(facts.view, facts.today))
          return monthlyStatement(facts, checked.month)
        },
        { month: month.slice(0, 7) },
      )
    },

    /** The months a case has statements for, for a page that offers them; no ledger is read. */
    async getStatementChoices(principal: Principal, caseId: number, channel: Channel): Promise<StatementChoices> {
      const view = await open(principal, caseId, channel)
      await record(principal, channel, [{ caseId: view.caseId, action: 'case.statement_months' }])
      return choicesOf(view, requestMoment().today)
    },

    /** The public calculator: no case, no principal, nothing recorded. Payments start next month unless told. */
    calculatePayoff(input: Omit<PayoffCalculatorInput, 'firstMonth'> & { firstMonth?: IsoDate }): PayoffSchedule {
      const nextMonth = addMonths(monthStart(requestMoment().today), 1)
      return calculatePayoff({ ...input, firstMonth: input.firstMonth ?? nextMonth })
    },
  }
}

function choicesOf(view: CaseView, today: IsoDate): StatementChoices {
  const { caseNumber, openedOn } = view.record
  return { caseId: view.caseId, caseNumber, caseNumberLast4: caseNumber.slice(-4), months: statementMonths(openedOn, today) }
}

function enforcementOf(facts: CaseFacts): EnforcementStatus {
  return enforcementStatus({
    caseId: facts.view.caseId,
    viewer: facts.view.viewer,
    asOf: facts.today,
    county: facts.view.record.county,
    officeCode: facts.view.record.officeCode,
    balances: facts.statement.balances,
    enforcement: facts.enforcement,
    payer: facts.payer,
  })
}

function nextStepsOf(facts: CaseFacts, situation: CaseSituation): NextStepsResult {
  return { caseId: facts.view.caseId, viewer: facts.view.viewer, asOf: facts.today, steps: nextSteps(situation) }
}

export type CaseInquiryService = ReturnType<typeof createCaseInquiryService>
export type { Channel, Principal } from '../audit/principal'
