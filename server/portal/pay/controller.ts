import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import type { PaymentDestinations } from '../../agency/agencyDirectory'
import type { CaseSummary } from '../../cases/caseSummaries'
import { formatMoney } from '../../templates'

// How to pay: every option with its fee, its steps and its real destination (DESIGN.md §3, issue 12). The
// destinations come from the agency directory (server/agency/agencyDirectory.ts), the same one the phone line reads,
// so the web and the phone give the same website, number, receive code and address. Public, and linked from every
// paying parent's case page; a signed-in paying parent also sees what is due and the case number to quote.

export const paymentOptions = [
  { id: 'withholding', steps: 2 },
  { id: 'online', steps: 3 },
  { id: 'phone', steps: 2 },
  { id: 'moneygram', steps: 3 },
  { id: 'paynearme', steps: 3 },
  { id: 'paypal', steps: 2 },
  { id: 'mail', steps: 3 },
] as const

type PaymentOptionId = (typeof paymentOptions)[number]['id']

/** "7-Eleven, Family Dollar or ACE", one formatter per language, kept (an Intl object per request holds ICU memory). */
const orLists = {
  en: new Intl.ListFormat('en-US', { type: 'disjunction' }),
  es: new Intl.ListFormat('es-US', { type: 'disjunction' }),
}

/** The parameters each option's fee and steps are written with, from the directory (here and on the home page). */
export function paymentSentenceParams(payments: PaymentDestinations, language: string): Record<PaymentOptionId, Record<string, string>> {
  const { stateDisbursementUnit: sdu, moneyGram, payNearMe, payPal } = payments
  const money = (cents: number) => formatMoney(language, cents)
  const stores = orLists[language === 'es' ? 'es' : 'en'].format(payNearMe.stores)
  return {
    withholding: {},
    online: { cardFee: String(sdu.cardFeePercent) },
    phone: { cardFee: String(sdu.cardFeePercent), option: String(sdu.phonePaymentOption) },
    moneygram: { fee: money(moneyGram.feeCents), code: moneyGram.receiveCode },
    paynearme: { fee: money(payNearMe.feeCents), stores },
    paypal: { fee: String(payPal.feePercent), minimum: money(payPal.minimumFeeCents) },
    mail: { payableTo: sdu.mailTo.payableTo },
  }
}

/** What a paying parent quotes with a payment: the case number, with what is due and owed beside it. */
function casesToQuote(cases: CaseSummary[]) {
  return cases
    .filter((summary) => summary.viewer === 'paying' && summary.paying)
    .map((summary) => ({
      caseNumber: summary.caseNumber,
      nextPayment: summary.paying!.nextPayment,
      totalOwedCents: summary.balances.totalOwedCents,
    }))
}

export function payController({ config, services }: AppDependencies) {
  return {
    async howToPay(req: Request, res: Response) {
      const payments = config.agencyDirectory.payments
      const params = paymentSentenceParams(payments, req.language)
      const participantId = res.locals.signedIn ? req.session.participantId : undefined
      const quote = participantId ? casesToQuote(await services.cases.listCaseSummaries({ kind: 'parent', participantId }, 'web')) : []
      res.render('pay/how-to-pay', {
        pageTitle: req.t('portal:pay.title'),
        agencyPhone: config.agency.phoneNumber,
        payments,
        mailingAddress: payments.stateDisbursementUnit.mailTo.address,
        quote,
        options: paymentOptions.map((option) => ({
          id: option.id,
          fee: req.t(`portal:pay.options.${option.id}.fee`, params[option.id]),
          steps: Array.from({ length: option.steps }, (_, i) => req.t(`portal:pay.options.${option.id}.steps.${i + 1}`, params[option.id])),
        })),
      })
    },
  }
}
