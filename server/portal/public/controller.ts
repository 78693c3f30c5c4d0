import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { californiaHolidaysOf } from '../../callbacks/californiaHolidays'
import { agencyToday } from '../../clock'

// Pages anyone can read without signing in. Their words are all in locales/*/portal.json and home.json.

/** How many coming office closures the contact page lists. */
const closuresShown = 6

export function publicController({ config, clock }: AppDependencies) {
  const page = (view: string, titleKey: string) => (req: Request, res: Response) =>
    res.render(view, { pageTitle: req.t(titleKey), agencyPhone: config.agency.phoneNumber })

  return {
    home: page('home', 'home:title'),
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
        closures,
      })
    },
  }
}
