import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'

// How to pay: every option with its fee and steps (DESIGN.md §3). Public, and linked from every paying parent's
// case page. The options and their order are data here; their words are in locales/*/portal.json under `pay`.

export const paymentOptions = [
  { id: 'withholding', steps: 2 },
  { id: 'online', steps: 3 },
  { id: 'phone', steps: 2 },
  { id: 'moneygram', steps: 3 },
  { id: 'paynearme', steps: 3 },
  { id: 'paypal', steps: 2 },
  { id: 'mail', steps: 3 },
] as const

export function payController({ config }: AppDependencies) {
  return {
    howToPay(req: Request, res: Response) {
      res.render('pay/how-to-pay', {
        pageTitle: req.t('portal:pay.title'),
        agencyPhone: config.agency.phoneNumber,
        options: paymentOptions.map((option) => ({ id: option.id, steps: Array.from({ length: option.steps }, (_, i) => i + 1) })),
      })
    },
  }
}
