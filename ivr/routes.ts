import { type Request, type Response, Router } from 'express'

import type { AppDependencies } from '../server/app'
import { DatabaseUnavailableError } from '../server/errors'
import { type Language, translatorFor } from '../server/i18n'
import { recordIdFrom } from '../server/routeParams'
import { ivrApology } from './apology'
import { callerInputFrom } from './callerInput'
import { runTurn } from './callRunner'
import { type StepName, stepNames } from './flowState'
import { outboundConnectResponse } from './outboundConnect'
import { ivrPaths } from './paths'
import { requireTwilioSignatureFor } from '../server/telephony/twilioSignature'
import { farewell } from './voice'
import { withNonceInStepUrls } from './freshActionUrls'

// The phone line's webhooks, mounted at /ivr before sessions and CSRF: Twilio's signature, not a cookie,
// proves where a request came from.

const callSidPattern = /^CA[0-9a-f]{32}$/

/** How long the apology waits to learn the caller's language before speaking both. */
const languageLookupMs = 300

function text(body: Record<string, unknown>, name: string): string | null {
  const value = body[name]
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

function isStepName(value: unknown): value is StepName {
  return typeof value === 'string' && (stepNames as readonly string[]).includes(value)
}

export function ivrRoutes(deps: AppDependencies): Router {
  const { config, logger, services } = deps
  const router = Router()
  router.use(requireTwilioSignatureFor(deps))

  const context = {
    services,
    i18n: deps.i18n,
    clock: deps.clock,
    settings: { agentLineNumber: config.agency.agentLineNumber, agency: config.agencyDirectory },
  }

  const sendTwiml = (res: Response, twiml: string) => res.status(200).type('text/xml').send(withNonceInStepUrls(twiml))

  // A caller must never hear Twilio's "application error": whatever fails, the line apologises and hangs up
  // politely. This is why these handlers, unlike the web's, catch their own errors. A turn that has not answered
  // within the phone deadline (the database down or locked) is answered with the outage apology; the turn may
  // still finish in the background, but the caller has already heard us.
  async function handleTurn(req: Request, res: Response, step: StepName | 'voice') {
    const body = (req.body ?? {}) as Record<string, unknown>
    const callSid = text(body, 'CallSid')
    if (!callSid || !callSidPattern.test(callSid)) {
      res.status(400).type('text/plain').send('CallSid required')
      return
    }
    const turn = runTurn(
      { callSid, callerNumber: text(body, 'From'), step, input: callerInputFrom(body), dialStatus: text(body, 'DialCallStatus') },
      context,
    )
    try {
      const response = await withinPhoneDeadline(turn)
      if (response === late) {
        logger.warn({ path: req.path, deadlineMs: config.deadlines.phoneMs }, 'phone turn passed its deadline')
        turn.catch((error: unknown) => logger.warn({ err: error, path: req.path }, 'phone turn failed after its deadline'))
        sendTwiml(res, ivrApology(deps.i18n, await callerLanguage(callSid)))
        return
      }
      sendTwiml(res, response.toString())
    } catch (error) {
      const language = await callerLanguage(callSid)
      if (error instanceof DatabaseUnavailableError) {
        logger.warn({ err: error, path: req.path }, 'phone turn: database unavailable')
        sendTwiml(res, ivrApology(deps.i18n, language))
        return
      }
      logger.error({ err: error, path: req.path }, 'phone turn failed')
      const spoken = language ?? 'en'
      sendTwiml(res, farewell(spoken, [translatorFor(deps.i18n, spoken)('ivr:trouble')]).toString())
    }
  }

  const late = Symbol('late')
  function withinPhoneDeadline<T>(work: Promise<T>): Promise<T | typeof late> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), config.deadlines.phoneMs)
    })
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
  }

  /** The call's language if the database says so quickly; null (both languages) when it cannot. */
  async function callerLanguage(callSid: string): Promise<Language | null> {
    const found = await withinLanguageLookup(services.calls.find(callSid)).catch(() => undefined)
    return found && found !== late ? found.language : null
  }
  function withinLanguageLookup<T>(work: Promise<T>): Promise<T | typeof late> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), languageLookupMs)
    })
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
  }

  router.post(ivrPaths.voice, (req, res) => handleTurn(req, res, 'voice'))

  router.post(ivrPaths.stepPattern, (req, res) => {
    const step = req.params.step
    if (!isStepName(step)) {
      res.status(404).type('text/plain').send('Not found')
      return
    }
    return handleTurn(req, res, step)
  })

  // A representative answered a "Call now" placed from the console: put them through to the parent. The ids in the
  // path were written by this app into the call it placed, and the signature check covers the whole URL.
  router.post(ivrPaths.outboundConnectPattern, async (req, res) => {
    const callbackId = recordIdFrom(req.params.callbackId)
    const staffId = recordIdFrom(req.params.staffId)
    if (callbackId === null || staffId === null) {
      res.status(404).type('text/plain').send('Not found')
      return
    }
    try {
      const instructions = await withinPhoneDeadline(services.callNow.connectInstructions(callbackId, staffId))
      if (instructions === late) {
        logger.warn({ path: req.path, deadlineMs: config.deadlines.phoneMs }, 'outbound connect passed its deadline')
        sendTwiml(res, ivrApology(deps.i18n, 'en'))
        return
      }
      const t = translatorFor(deps.i18n, instructions.language)
      sendTwiml(res, outboundConnectResponse(instructions, t, config.agency.callerId).toString())
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) {
        sendTwiml(res, ivrApology(deps.i18n, 'en'))
        return
      }
      logger.error({ err: error, path: req.path }, 'outbound connect failed')
      sendTwiml(res, farewell('en', [translatorFor(deps.i18n, 'en')('ivr:trouble')]).toString())
    }
  })

  // Twilio's status callback: the call is over. Record how long it took and how it ended.
  router.post(ivrPaths.status, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const callSid = text(body, 'CallSid')
    const status = text(body, 'CallStatus')
    if (!callSid || !callSidPattern.test(callSid)) {
      res.status(400).type('text/plain').send('CallSid required')
      return
    }
    if (status && ['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(status)) {
      const duration = text(body, 'CallDuration')
      const reported = duration === null ? Number.NaN : Number(duration)
      await services.calls.end(callSid, { durationSeconds: Number.isFinite(reported) && reported >= 0 ? Math.round(reported) : null })
    }
    res.status(204).end()
  })

  return router
}
