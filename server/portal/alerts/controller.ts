import type { Request, Response } from 'express'
import { parsePhoneNumberFromString } from 'libphonenumber-js'

import { DeliveryFailed } from '../../alerts/alertChannels'
import { alertKindsFor, type ChoosableAlertKind } from '../../alerts/alertKinds'
import { CODE_MINUTES, CODE_TRIES, type CodeCheck, EMAIL_LINK_HOURS } from '../../alerts/alertSettings'
import type { AppDependencies } from '../../app'
import { principalOf } from '../../middleware/requireParent'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { portalPaths } from '../paths'
import { chosenKinds, codeSchema, emailDestinationSchema, kindField, textDestinationSchema } from './validation'

// "Text and email alerts": where alerts go and what about. A number or an address is confirmed before anything is
// sent to it (a code by text, a link by email); the words of the consent the parent ticked are stored with the time.
// Each form on the page posts on its own and comes back to the page, saying what happened.

const doneNotices = ['codeSent', 'textOn', 'textOff', 'emailSent', 'emailOn', 'emailOff', 'choicesSaved'] as const
type DoneNotice = (typeof doneNotices)[number]

const codeErrors: Record<Exclude<CodeCheck, 'confirmed'>, string> = {
  wrong: 'portal:alerts.errors.codeWrong',
  expired: 'portal:alerts.errors.codeExpired',
  tooManyTries: 'portal:alerts.errors.codeTooManyTries',
  nothingPending: 'portal:alerts.errors.codeExpired',
}

const national = (e164: string) => parsePhoneNumberFromString(e164)?.formatNational() ?? e164

export function alertsController(deps: AppDependencies) {
  const { alertSettings, alertAdapters } = deps.services
  const { publicBaseUrl } = deps.config
  const dailyCap = deps.config.alerts.dailyCap

  /** The kinds this parent's cases can raise: the page offers only those. */
  async function kindsOffered(req: Request): Promise<ChoosableAlertKind[]> {
    const cases = await deps.services.cases.listCaseChoices(principalOf(req))
    return alertKindsFor({ paying: cases.some((c) => c.viewer === 'paying'), receiving: cases.some((c) => c.viewer === 'receiving') })
  }

  async function showPage(req: Request, res: Response, form?: { values: Record<string, string>; errors: FieldErrors }) {
    const [settings, offered] = await Promise.all([alertSettings.get(principalOf(req).participantId), kindsOffered(req)])
    const done = String(req.query.done ?? '')
    renderForm(res, 'alerts/alerts', {
      pageTitle: req.t('portal:alerts.title'),
      values: form?.values ?? {},
      errors: form?.errors,
      fieldOrder: ['mobile', 'textConsent', 'code', 'email', 'emailConsent'],
      done: (doneNotices as readonly string[]).includes(done) ? (done as DoneNotice) : null,
      textAvailable: alertAdapters.texts !== null,
      emailAvailable: alertAdapters.emails !== null,
      text: settings.text && { ...settings.text, shown: national(settings.text.destination) },
      email: settings.email,
      textConsent: req.t('portal:alerts.text.consent', { cap: dailyCap }),
      emailConsent: req.t('portal:alerts.email.consent'),
      codeMinutes: CODE_MINUTES,
      kinds: offered.map((kind) => ({ kind, field: kindField(kind), checked: settings.choices[kind] })),
    })
  }

  const backTo = (res: Response, done: DoneNotice, anchor = '') => res.redirect(303, `${portalPaths.alerts}?done=${done}${anchor}`)
  const language = (req: Request): 'en' | 'es' => (req.language === 'es' ? 'es' : 'en')

  return {
    show: (req: Request, res: Response) => showPage(req, res),

    async startText(req: Request, res: Response) {
      const form = validateForm(textDestinationSchema, req.body)
      if (!form.ok) return showPage(req, res, { values: keptValues(req.body), errors: form.errors })
      const texts = alertAdapters.texts
      if (!texts) return showPage(req, res, { values: keptValues(req.body), errors: { mobile: 'portal:alerts.errors.textUnavailable' } })
      const participantId = principalOf(req).participantId
      const { secret } = await alertSettings.beginConfirmation(participantId, {
        channel: 'text',
        destination: form.data.mobile,
        language: language(req),
        consentWords: req.t('portal:alerts.text.consent', { cap: dailyCap }),
      })
      try {
        await texts.send({ to: form.data.mobile, body: req.t('alerts:confirmation.text', { code: secret, minutes: CODE_MINUTES }) })
      } catch (error) {
        // Nothing is kept of a confirmation that could not be sent.
        await alertSettings.forgetPending(participantId, 'text')
        const reason = error instanceof DeliveryFailed && error.permanent ? 'mobileCannotText' : 'sendFailed'
        deps.logger.warn({ err: error instanceof DeliveryFailed ? error.reason : String(error) }, 'alert confirmation code not sent')
        return showPage(req, res, { values: keptValues(req.body), errors: { mobile: `portal:alerts.errors.${reason}` } })
      }
      backTo(res, 'codeSent', '#code')
    },

    async confirmCode(req: Request, res: Response) {
      const form = validateForm(codeSchema, req.body)
      if (!form.ok) return showPage(req, res, { values: {}, errors: form.errors })
      const check = await alertSettings.confirmCode(principalOf(req).participantId, form.data.code)
      if (check !== 'confirmed') {
        return showPage(req, res, { values: {}, errors: { code: { key: codeErrors[check], params: { tries: CODE_TRIES } } } })
      }
      backTo(res, 'textOn')
    },

    async textOff(req: Request, res: Response) {
      await alertSettings.turnOff(principalOf(req).participantId, 'text')
      backTo(res, 'textOff')
    },

    async startEmail(req: Request, res: Response) {
      const form = validateForm(emailDestinationSchema, req.body)
      if (!form.ok) return showPage(req, res, { values: keptValues(req.body), errors: form.errors })
      const emails = alertAdapters.emails
      if (!emails) return showPage(req, res, { values: keptValues(req.body), errors: { email: 'portal:alerts.errors.emailUnavailable' } })
      const participantId = principalOf(req).participantId
      const { secret } = await alertSettings.beginConfirmation(participantId, {
        channel: 'email',
        destination: form.data.email,
        language: language(req),
        consentWords: req.t('portal:alerts.email.consent'),
      })
      const link = `${publicBaseUrl}${portalPaths.confirmAlertEmail}?token=${secret}`
      try {
        await emails.send({
          to: form.data.email,
          subject: req.t('alerts:confirmation.emailSubject'),
          text: req.t('alerts:confirmation.emailText', { link, hours: EMAIL_LINK_HOURS }),
          language: language(req),
          unsubscribeUrl: publicBaseUrl + portalPaths.alerts,
        })
      } catch (error) {
        await alertSettings.forgetPending(participantId, 'email')
        const reason = error instanceof DeliveryFailed && error.permanent ? 'emailCannotSend' : 'sendFailed'
        deps.logger.warn({ err: error instanceof DeliveryFailed ? error.reason : String(error) }, 'alert confirmation link not sent')
        return showPage(req, res, { values: keptValues(req.body), errors: { email: `portal:alerts.errors.${reason}` } })
      }
      backTo(res, 'emailSent')
    },

    async emailOff(req: Request, res: Response) {
      await alertSettings.turnOff(principalOf(req).participantId, 'email')
      backTo(res, 'emailOff')
    },

    async saveChoices(req: Request, res: Response) {
      await alertSettings.setChoices(principalOf(req).participantId, chosenKinds(req.body), await kindsOffered(req))
      backTo(res, 'choicesSaved')
    },

    /** The emailed link: a page with a button, because mail scanners open links and must not confirm anything. */
    showEmailConfirmation(req: Request, res: Response) {
      const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : ''
      res.render('alerts/confirmEmail', { pageTitle: req.t('portal:alerts.confirmEmail.title'), token, outcome: null })
    },

    async confirmEmail(req: Request, res: Response) {
      const token = typeof req.body?.token === 'string' ? req.body.token.slice(0, 100) : ''
      const confirmed = token ? await alertSettings.confirmEmailLink(token) : null
      res.status(confirmed ? 200 : 400).render('alerts/confirmEmail', {
        pageTitle: req.t('portal:alerts.confirmEmail.title'),
        outcome: confirmed ? 'confirmed' : 'expired',
      })
    },
  }
}
