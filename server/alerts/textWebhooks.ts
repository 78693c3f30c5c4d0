import { type Request, type Response, Router } from 'express'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import twilio from 'twilio'

import { requireTwilioSignatureFor } from '../telephony/twilioSignature'
import type { AppDependencies } from '../app'
import { translatorFor } from '../i18n'
import { publicPaths } from '../paths'
import { textWebhookPaths } from './paths'
import { keywordOf, textKeywordRepository } from './textKeywords'

// Twilio's two webhooks for texts, each signed by Twilio for PUBLIC_BASE_URL plus its path (checked as the phone
// line's are, replays refused):
// - inbound: a parent texts back. STOP (PARA…) ends every text to that number at once and is recorded; START
//   (COMENZAR…) resumes them; HELP (AYUDA) says who we are and where to go. The answer is TwiML, in the language of
//   the word, or of the parent whose number it is. Nothing else is read: a case question gets where to ask it.
// - status: Twilio's report on a text we sent (delivered, undelivered, failed), kept for the delivery figures.

const messageSidPattern = /^(SM|MM)[0-9a-f]{32}$/
/** Twilio's message statuses (www.twilio.com/docs/messaging/api/message-resource#message-status-values). */
const deliveryStatuses = new Set(['accepted', 'scheduled', 'canceled', 'queued', 'sending', 'sent', 'failed', 'delivered', 'undelivered', 'receiving', 'received', 'read'])

function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

export function textWebhookRoutes(deps: AppDependencies): Router {
  const { config, logger, clock } = deps
  const keywords = textKeywordRepository(deps.database.db)
  const router = Router()
  router.use(requireTwilioSignatureFor(deps))
  const mainNumber = config.agencyDirectory.phoneNumbers.main
  const links = {
    agencyPhone: parsePhoneNumberFromString(mainNumber, 'US')?.formatNational() ?? mainNumber,
    signInUrl: config.publicBaseUrl + publicPaths.signIn,
  }

  const reply = (res: Response, text: string | null) => {
    const twiml = new twilio.twiml.MessagingResponse()
    if (text) twiml.message(text)
    res.status(200).type('text/xml').send(twiml.toString())
  }

  router.post(textWebhookPaths.inbound.slice(textWebhookPaths.mount.length), async (req, res, next) => {
    try {
      const from = field(req, 'From')
      const messageSid = field(req, 'MessageSid')
      if (!parsePhoneNumberFromString(from)?.isValid() || !messageSidPattern.test(messageSid)) {
        res.status(400).type('text/plain').send('Bad Request')
        return
      }
      const keyword = keywordOf(field(req, 'Body'))
      const language = keyword?.language ?? (await keywords.languageOf(from)) ?? 'en'
      const t = translatorFor(deps.i18n, language)
      if (!keyword) return reply(res, t('alerts:replies.other', links))
      await keywords.record(from, keyword, messageSid, clock.now())
      // Which word, never the number or the message: enough to count opt-outs in the logs.
      logger.info({ keyword: keyword.keyword, action: keyword.action }, 'text keyword received')
      reply(res, t(`alerts:replies.${keyword.action}`, links))
    } catch (error) {
      next(error)
    }
  })

  router.post(textWebhookPaths.status.slice(textWebhookPaths.mount.length), async (req, res, next) => {
    try {
      const messageSid = field(req, 'MessageSid')
      const status = field(req, 'MessageStatus')
      if (!messageSidPattern.test(messageSid) || !deliveryStatuses.has(status)) {
        res.status(400).type('text/plain').send('Bad Request')
        return
      }
      await keywords.recordDeliveryStatus(messageSid, status, clock.now())
      res.status(204).end()
    } catch (error) {
      next(error)
    }
  })

  return router
}
