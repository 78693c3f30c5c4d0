import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { callbackTopics, CallbackValidationError, maxCallbackDetailsLength } from '../../callbacks/callbackRequest'
import { callbackWindows } from '../../callbacks/serviceLevel'
import { NotFoundError } from '../../errors'
import { principalOf } from '../../middleware/requireParent'
import { formValuesOf } from '../details/validation'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { pathTo, portalPaths } from '../paths'
import { callbackFields, callbackRequestSchema, serviceFieldToFormField } from './validation'

// Ask for a callback, see the confirmation with its reference code, list one's requests and cancel one.

export function callbacksController(deps: AppDependencies) {
  const { services } = deps
  const contactDetails = deps.services.contactDetails

  async function caseOptions(req: Request) {
    const cases = await services.cases.listCaseChoices(principalOf(req))
    return {
      caseIds: cases.map((c) => c.caseId),
      options: [
        ...cases.map((c) => ({ value: String(c.caseId), label: req.t('portal:callbacks.caseOption', { last4: c.caseNumberLast4, role: req.t(`portal:callbacks.role.${c.viewer}`) }) })),
        { value: 'none', label: req.t('portal:callbacks.noCase') },
      ],
    }
  }

  async function showForm(req: Request, res: Response, values: Record<string, string>, errors?: FieldErrors) {
    const { options } = await caseOptions(req)
    renderForm(res, 'callbacks/request', {
      pageTitle: req.t('portal:callbacks.request.title'),
      values,
      errors,
      fieldOrder: callbackFields,
      detailsMax: maxCallbackDetailsLength,
      caseOptions: options,
      topics: callbackTopics.map((value) => ({ value, label: req.t(`callbacks:topics.${value}`) })),
      windows: callbackWindows.map((value) => ({ value, label: req.t(`callbacks:windows.${value}`), hint: req.t(`portal:callbacks.windowHints.${value}`) })),
    })
  }

  /** The parent's own request by its code; anyone else's code is simply not found. */
  async function ownRequest(req: Request) {
    const code = String(req.params.code ?? '').toUpperCase()
    const mine = await services.callbacks.listForParent(principalOf(req).participantId)
    const found = mine.find((c) => c.confirmationCode === code)
    if (!found) throw new NotFoundError()
    return found
  }

  return {
    async list(req: Request, res: Response) {
      const callbacks = await services.callbacks.listForParent(principalOf(req).participantId)
      res.render('callbacks/list', {
        pageTitle: req.t('portal:callbacks.list.title'),
        callbacks,
        open: callbacks.filter((c) => c.canCancel),
        closed: callbacks.filter((c) => !c.canCancel),
      })
    },

    async showRequest(req: Request, res: Response) {
      const details = await contactDetails.get(principalOf(req).participantId)
      const preselected = typeof req.query.case === 'string' && /^\d+$/.test(req.query.case) ? req.query.case : ''
      await showForm(req, res, { phone: details ? formValuesOf(details).phonePrimary : '', language: req.language, caseId: preselected })
    },

    async submitRequest(req: Request, res: Response) {
      const principal = principalOf(req)
      const { caseIds } = await caseOptions(req)
      const form = validateForm(callbackRequestSchema(caseIds), req.body)
      if (!form.ok) return showForm(req, res, keptValues(req.body), form.errors)
      const outcome = await services.callbacks
        .requestCallback({
          principal,
          caseId: form.data.caseId,
          phone: form.data.phone,
          language: form.data.language,
          topic: form.data.topic,
          details: form.data.details,
          preferredWindow: form.data.window,
          channel: 'web',
        })
        .catch((error: unknown) => {
          // Refused input is a form to correct, not a failure; anything else goes to the error handler.
          if (error instanceof CallbackValidationError) return error
          throw error
        })
      if (outcome instanceof CallbackValidationError) {
        const errors: FieldErrors = {}
        for (const issue of outcome.issues) errors[serviceFieldToFormField[issue.field] ?? 'topic'] ??= issue.messageKey
        return showForm(req, res, keptValues(req.body), errors)
      }
      const path = pathTo('callbackConfirmation', { code: outcome.callback.confirmationCode })
      // The request already waiting keeps its own words: say so when the parent wrote something new, rather than
      // let them think the representative will read it.
      const noteNotAdded = outcome.existing && form.data.details !== null && form.data.details !== outcome.callback.details
      res.redirect(303, outcome.existing ? `${path}?existing=1${noteNotAdded ? '&note=0' : ''}` : path)
    },

    async confirmation(req: Request, res: Response) {
      const callback = await ownRequest(req)
      res.render('callbacks/confirmation', {
        pageTitle: req.t('portal:callbacks.confirmation.title'),
        callback,
        existing: req.query.existing === '1',
        noteNotAdded: req.query.existing === '1' && req.query.note === '0',
      })
    },

    async showCancel(req: Request, res: Response) {
      const callback = await ownRequest(req)
      if (!callback.canCancel) return res.redirect(303, portalPaths.callbacks)
      res.render('callbacks/cancel', { pageTitle: req.t('portal:callbacks.cancel.title'), callback })
    },

    async cancel(req: Request, res: Response) {
      const callback = await ownRequest(req)
      const result = await services.callbacks.cancelByParent(principalOf(req).participantId, callback.id)
      if (!result.ok && result.reason === 'not_found') throw new NotFoundError()
      res.redirect(303, `${portalPaths.callbacksCancelled}?code=${encodeURIComponent(callback.confirmationCode)}&done=${result.ok ? 1 : 0}`)
    },

    cancelled(req: Request, res: Response) {
      const code = typeof req.query.code === 'string' && /^[A-Z0-9]{1,12}$/.test(req.query.code) ? req.query.code : ''
      res.render('callbacks/cancelled', { pageTitle: req.t('portal:callbacks.cancelled.title'), code, done: req.query.done === '1' })
    },
  }
}
