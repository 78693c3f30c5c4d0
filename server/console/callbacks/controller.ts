import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import type { Callback } from '../../callbacks/callbackRecord'
import { claimableCallback } from '../../callbacks/callbackQueue'
import { groupedConfirmationCode } from '../../callbacks/confirmationCode'
import { NotFoundError } from '../../errors'
import { holdsClaim, mayClaim } from '../../queue/claimRule'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { callbackIdOf } from '../../routeParams'
import { alertSentRows, alertsShownOnRequest } from '../alertsSent'
import { timeLeftText } from '../callbackViews'
import { setNotice } from '../notices'
import { consolePaths, consolePathTo } from '../paths'
import { staffPrincipalOf } from '../staffSession'
import { phoneContextView } from './phoneContext'
import { attemptFields, attemptSchema } from './validation'

// One callback request as the representative works it: the request and its promise, the parent and their case read
// through the same case-inquiry service as the portal and the phone line, what the phone line already told the
// caller, earlier attempts, and the actions the request's state allows (take, call, record, release).

const codeOf = (callback: Pick<Callback, 'confirmationCode'>) => groupedConfirmationCode(callback.confirmationCode)

export function callbackController({ services, config }: AppDependencies) {
  async function show(req: Request, res: Response, errors?: FieldErrors) {
    const principal = staffPrincipalOf(req)
    const detail = await services.callbacks.callbackForStaff(callbackIdOf(req))
    if (!detail) throw new NotFoundError()
    const { callback, attempts, timeLeft, claimStale, readyNow, claimTime } = detail
    const caseId = callback.caseId
    // The case through the same case-inquiry service as the portal and the phone line; each read is audited there.
    const [view, parties, earlier, alertsSent] = await Promise.all([
      caseId === null ? null : services.cases.getCaseView(principal, caseId, 'console'),
      caseId === null ? null : services.staffDirectory.caseParties(principal, caseId),
      caseId === null ? [] : services.callbacks.listForCase(caseId),
      callback.participantId === null ? null : services.alertOutbox.recentFor(callback.participantId, alertsShownOnRequest),
    ])
    const parent =
      parties?.parties.find((p) => p.participantId === callback.participantId) ??
      (callback.participantId === null ? undefined : await services.staffDirectory.participantName(principal, callback.participantId))
    const staffNames = await services.staffDirectory.staffNames([
      ...attempts.map((a) => a.staffId),
      ...(callback.claimedBy ? [callback.claimedBy] : []),
    ])
    const claimedByMe = holdsClaim(principal, callback)
    renderForm(res, 'console/callbacks/callback', {
      pageTitle: req.t('console:callback.title', { code: codeOf(callback) }),
      values: keptValues(req.body),
      errors,
      fieldOrder: attemptFields,
      callback: { ...callback, code: codeOf(callback), dueBy: callback.dueBy.toISOString(), createdAt: callback.createdAt.toISOString() },
      timeLeft: timeLeftText(req.t, timeLeft),
      overdue: timeLeft.overdue,
      retryAfter: callback.nextAttemptAfter && !readyNow ? callback.nextAttemptAfter.toISOString() : null,
      claimedByMe,
      claimedByName: callback.claimedBy === null ? null : (staffNames.get(callback.claimedBy) ?? null),
      canClaim: mayClaim(principal, claimableCallback(callback), claimTime),
      claimStale,
      maxAttempts: config.callbacks.maxAttempts,
      parent,
      summary: view?.summary ?? null,
      nextSteps: view?.nextSteps.steps ?? [],
      parties: parties?.parties ?? [],
      familyViolence: parties?.parties.some((p) => p.familyViolence) ?? false,
      // A caller the line did not identify has no alerts of theirs to show.
      showAlertsSent: alertsSent !== null,
      alertsSent: alertSentRows(alertsSent ?? []),
      phoneContext: phoneContextView(req.t, callback.phoneContext),
      attempts: attempts.map((a) => ({ ...a, attemptedAt: a.attemptedAt.toISOString(), staffName: staffNames.get(a.staffId) ?? '' })),
      earlier: earlier
        .filter((c) => c.id !== callback.id)
        .map((c) => ({ id: c.id, code: codeOf(c), topic: c.topic, status: c.status, createdAt: c.createdAt.toISOString() })),
      outcomes: ['resolved', 'needs_caseworker', 'no_answer', 'left_message', 'wrong_number'].map((value) => ({
        value,
        label: req.t(`callbacks:outcomes.${value}`),
        hint: req.t(`console:callback.outcomeHints.${value}`),
      })),
    })
  }

  const backToRequest = (res: Response, id: number) => res.redirect(303, consolePathTo('callback', { callbackId: id }))

  return {
    show: (req: Request, res: Response) => show(req, res),

    async claim(req: Request, res: Response) {
      const id = callbackIdOf(req)
      const result = await services.callbacks.claim(id, staffPrincipalOf(req).staffId)
      if (!result.ok) {
        if (result.reason === 'not_found') throw new NotFoundError()
        setNotice(req, { key: result.messageKey, kind: 'warning' })
        return res.redirect(303, consolePaths.queue)
      }
      setNotice(req, { key: 'console:notices.claimed', params: { code: codeOf(result.callback) }, kind: 'success' })
      backToRequest(res, id)
    },

    async release(req: Request, res: Response) {
      const id = callbackIdOf(req)
      const result = await services.callbacks.release(id, staffPrincipalOf(req).staffId)
      if (!result.ok) {
        if (result.reason === 'not_found') throw new NotFoundError()
        setNotice(req, { key: result.messageKey, kind: 'warning' })
        return backToRequest(res, id)
      }
      setNotice(req, { key: 'console:notices.released', params: { code: codeOf(result.callback) }, kind: 'info' })
      res.redirect(303, consolePaths.queue)
    },

    async recordAttempt(req: Request, res: Response) {
      const id = callbackIdOf(req)
      const form = validateForm(attemptSchema, req.body)
      if (!form.ok) return show(req, res, form.errors)
      const result = await services.callbacks.recordAttempt(id, staffPrincipalOf(req).staffId, form.data.outcome, form.data.note)
      if (!result.ok) {
        if (result.reason === 'not_found') throw new NotFoundError()
        setNotice(req, { key: result.messageKey, kind: 'warning' })
        return backToRequest(res, id)
      }
      const { callback } = result
      const code = codeOf(callback)
      if (callback.status === 'open' && callback.nextAttemptAfter) {
        setNotice(req, {
          key: 'console:notices.retryScheduled',
          params: { code, attempt: callback.attempts, max: config.callbacks.maxAttempts, time: { dateTime: callback.nextAttemptAfter.toISOString() } },
          kind: 'success',
        })
      } else {
        setNotice(req, { key: `console:notices.closed.${callback.status}`, params: { code }, kind: 'success' })
      }
      res.redirect(303, consolePaths.queue)
    },
  }
}
