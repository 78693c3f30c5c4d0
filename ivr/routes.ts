import { type Request, type Response, Router } from 'express'

import type { AppDependencies } from '../server/app'
import { translatorFor } from '../server/i18n'
import { callerInputFrom } from './callerInput'
import { runTurn } from './callRunner'
import { type StepName, stepNames } from './flowState'
import { outboundConnectResponse } from './outboundConnect'
import { ivrPaths } from './paths'
import { requireTwilioSignature } from './twilioSignature'
import { farewell } from './voice'
import { withNonceInStepUrls } from './freshActionUrls'

// The phone line's webhooks, mounted at /ivr before sessions and CSRF: Twilio's signature, not a cookie,
// proves where a request came from.

const callSidPattern = /^CA[0-9a-f]{32}$/

function text(body: Record<string, unknown>, name: string): string | null {
  const value = body[name]
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

function idParam(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,11}$/.test(value) ? Number(value) : null
}

function isStepName(value: unknown): value is StepName {
  return typeof value === 'string' && (stepNames as readonly string[]).includes(value)
}

export function ivrRoutes(deps: AppDependencies): Router {
  const { config, logger, services } = deps
  const router = Router()
  router.use(
    requireTwilioSignature({
      authToken: config.twilio.authToken,
      publicBaseUrl: config.publicBaseUrl,
      accountSid: config.twilio.accountSid,
      replays: services.signatureReplays,
      logger,
    }),
  )

  const context = {
    services,
    i18n: deps.i18n,
    clock: deps.clock,
    settings: { agentLineNumber: config.agency.agentLineNumber, agency: config.agencyDirectory },
  }

  const sendTwiml = (res: Response, twiml: string) => res.status(200).type('text/xml').send(withNonceInStepUrls(twiml))

  // A caller must never hear Twilio's "application error": whatever fails, the line apologises and hangs up
  // politely. This is why these handlers, unlike the web's, catch their own errors.
  async function handleTurn(req: Request, res: Response, step: StepName | 'voice') {
    const body = (req.body ?? {}) as Record<string, unknown>
    const callSid = text(body, 'CallSid')
    if (!callSid || !callSidPattern.test(callSid)) {
      res.status(400).type('text/plain').send('CallSid required')
      return
    }
    try {
      const response = await runTurn(
        { callSid, callerNumber: text(body, 'From'), step, input: callerInputFrom(body), dialStatus: text(body, 'DialCallStatus') },
        context,
      )
      sendTwiml(res, response.toString())
    } catch (error) {
      logger.error({ err: error, path: req.path }, 'phone turn failed')
      const language = (await services.calls.find(callSid).catch(() => undefined))?.language ?? 'en'
      sendTwiml(res, farewell(language, [translatorFor(deps.i18n, language)('ivr:trouble')]).toString())
    }
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
    const callbackId = idParam(req.params.callbackId)
    const staffId = idParam(req.params.staffId)
    if (callbackId === null || staffId === null) {
      res.status(404).type('text/plain').send('Not found')
      return
    }
    try {
      const instructions = await services.callNow.connectInstructions(callbackId, staffId)
      const t = translatorFor(deps.i18n, instructions.language)
      sendTwiml(res, outboundConnectResponse(instructions, t, config.agency.callerId).toString())
    } catch (error) {
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
