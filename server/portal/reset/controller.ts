import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { serviceErrorsToFields } from '../activate/controller'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { identityFactFieldIds } from '../identityFacts'
import { portalPaths } from '../paths'
import { resetFields, resetFormSchema, secretFields } from './validation'

export function resetController({ services }: AppDependencies) {
  const showForm = (req: Request, res: Response, errors?: FieldErrors) =>
    renderForm(res, 'reset/reset', {
      pageTitle: req.t('portal:reset.title'),
      values: keptValues(req.body, secretFields),
      errors,
      fieldOrder: resetFields,
      fieldIds: identityFactFieldIds,
    })

  return {
    show(req: Request, res: Response) {
      showForm(req, res)
    },

    async submit(req: Request, res: Response) {
      const form = validateForm(resetFormSchema, req.body)
      if (!form.ok) return showForm(req, res, form.errors)
      const result = await services.identity.setCredentials(form.data.facts, form.data.credentials, { keepSessionId: req.sessionID })
      if (result.outcome === 'rejected') return showForm(req, res, serviceErrorsToFields(result.errors))
      const changed = form.data.credentials.password && form.data.credentials.pin ? 'both' : form.data.credentials.password ? 'password' : 'pin'
      res.redirect(303, `${portalPaths.resetDone}?changed=${changed}`)
    },

    done(req: Request, res: Response) {
      const changed = ['both', 'password', 'pin'].includes(String(req.query.changed)) ? String(req.query.changed) : 'both'
      res.render('reset/done', { pageTitle: req.t('portal:reset.done.title'), changed })
    },
  }
}
