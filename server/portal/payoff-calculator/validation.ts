import { z } from 'zod'

import { PAYOFF_MAX_CENTS } from '../../cases/payoff'
import { PAYOFF_MONTHS_CAP } from '../../cases/rules/payoffSchedule'
import { formText } from '../../web/forms'

// The payoff calculator's questions. Amounts are typed in dollars ("$5,000.50" is fine) and become cents here.

const key = (name: string) => `portal:calculator.errors.${name}`

export const planFields = ['plan', 'payment', 'months'] as const
export const publicFields = ['principal', 'interest', 'rate', ...planFields] as const

/** Dollars and cents as typed, to whole cents; null when it is not an amount. */
export function centsFrom(typed: string): number | null {
  const plain = typed.replace(/[$,\s]/g, '')
  if (!/^\d{1,11}(\.\d{1,2})?$/.test(plain)) return null
  const [dollars, cents = ''] = plain.split('.')
  return Number(dollars) * 100 + Number(cents.padEnd(2, '0'))
}

const dollars = (required: string | null, format: string, allowZero: boolean) =>
  formText(z.string().trim()).transform((typed, context) => {
    if (!typed) {
      if (required) context.addIssue({ code: 'custom', message: key(required) })
      return 0
    }
    const cents = centsFrom(typed)
    if (cents === null || cents > PAYOFF_MAX_CENTS || (!allowZero && cents === 0)) {
      context.addIssue({ code: 'custom', message: key(format) })
      return 0
    }
    return cents
  })

export const planSchema = z
  .object({
    plan: formText(z.enum(['payment', 'months'], { error: key('planRequired') })),
    payment: formText(z.string().trim()),
    months: formText(z.string().trim()),
  })
  .transform((form, context) => {
    if (form.plan === 'payment') {
      const cents = centsFrom(form.payment)
      if (!form.payment) context.addIssue({ code: 'custom', path: ['payment'], message: key('paymentRequired') })
      else if (cents === null || cents === 0 || cents > PAYOFF_MAX_CENTS) {
        context.addIssue({ code: 'custom', path: ['payment'], message: key('paymentFormat') })
      }
      return { monthlyPaymentCents: cents ?? 0 }
    }
    const months = Number(form.months)
    if (!form.months) context.addIssue({ code: 'custom', path: ['months'], message: key('monthsRequired') })
    else if (!/^\d{1,3}$/.test(form.months) || months < 1 || months > PAYOFF_MONTHS_CAP) {
      context.addIssue({ code: 'custom', path: ['months'], message: key('monthsFormat') })
    }
    return { months }
  })

export const publicCalculatorSchema = z
  .object({
    principal: dollars('principalRequired', 'principalFormat', true),
    interest: dollars(null, 'interestFormat', true),
    rate: formText(z.string().trim()).transform((typed, context) => {
      if (!typed) return 1000
      const plain = typed.replace(/[%\s]/g, '')
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(plain) || Number(plain) > 100) {
        context.addIssue({ code: 'custom', message: key('rateFormat') })
        return 0
      }
      return Math.round(Number(plain) * 100)
    }),
  })
  .and(planSchema.transform((plan) => ({ plan })))
