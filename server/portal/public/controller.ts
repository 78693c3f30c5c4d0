import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { californiaHolidaysOf } from '../../callbacks/californiaHolidays'
import { agencyToday } from '../../clock'
import { writtenHours, writtenOffice } from '../../web/openingHours'
import { paymentSentenceParams } from '../pay/controller'

// Pages anyone can read without signing in. Their words are all in locales/*/portal.json and home.json; the agency's
// hours, offices and fees come from the agency directory, which the phone line reads too (issue 12, item 13).

/** How many coming office closures the contact page lists. */
const closuresShown = 6

/** The ways to pay the home page lists, in its order. */
const homePaymentOptions = ['online', 'phone', 'moneygram', 'paynearme', 'mail', 'withholding', 'paypal'] as const

export function publicController({ config, clock }: AppDependencies) {
  const page = (view: string, titleKey: string) => (req: Request, res: Response) =>
    res.render(view, { pageTitle: req.t(titleKey), agencyPhone: config.agency.phoneNumber })

  const phoneHours = (req: Request) => writtenHours(config.agencyDirectory.phoneHours, req.language, req.t)

  return {
    home(req: Request, res: Response) {
      const params = paymentSentenceParams(config.agencyDirectory.payments, req.language)
      res.render('home', {
        pageTitle: req.t('home:title'),
        agencyPhone: config.agency.phoneNumber,
        phoneHours: phoneHours(req),
        payOptions: homePaymentOptions.map((id) => req.t(`home:pay.options.${id}`, params[id])),
      })
    },
    whatWeDo: page('public/what-we-do', 'portal:public.whatWeDo.title'),
    howToApply: page('public/how-to-apply', 'portal:public.howToApply.title'),
    accessibility: page('public/accessibility', 'portal:public.accessibility.title'),
    privacy: page('public/privacy', 'portal:public.privacy.title'),

    contact(req: Request, res: Response) {
      const today = agencyToday(clock)
      const year = Number(today.slice(0, 4))
      const closures = [...californiaHolidaysOf(year), ...californiaHolidaysOf(year + 1)]
        .filter((holiday) => holiday.date >= today)
        .slice(0, closuresShown)
      res.render('public/contact', {
        pageTitle: req.t('portal:public.contact.title'),
        agencyPhone: config.agency.phoneNumber,
        phoneHours: phoneHours(req),
        offices: config.agencyDirectory.offices.map((office) => writtenOffice(office, req.language, req.t)),
        closures,
      })
    },
  }
}
