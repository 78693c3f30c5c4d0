import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { identityFactFieldIds } from '../identityFacts'
import { portalPaths } from '../paths'
import { activationFields, activationFormSchema, secretFields } from './validation'

/** The identity service names its errors by field; a failed identity match is shown against the first fact. */
export function serviceErrorsToFields(errors: Record<string, string>): FieldErrors {
  const { identity, ...fields } = errors
  return identity ? { identifier: identity, ...fields } : fields
}

export function activateController({ services }: AppDependencies) {
  const showForm = (req: Request, res: Response, errors?: FieldErrors) =>
    renderForm(res, 'activate/activate', {
      pageTitle: req.t('portal:activate.title'),
      values: keptValues(req.body, secretFields),
      errors,
      fieldOrder: activationFields,
      fieldIds: identityFactFieldIds,
    })

  return {
    show(req: Request, res: Response) {
      showForm(req, res)
    },

    async submit(req: Request, res: Response) {
      const form = validateForm(activationFormSchema, req.body)
      if (!form.ok) return showForm(req, res, form.errors)
      const result = await services.identity.setCredentials(form.data.facts, form.data.credentials)
      if (result.outcome === 'rejected') return showForm(req, res, serviceErrorsToFields(result.errors))
      res.redirect(303, portalPaths.activated)
    },

    done(req: Request, res: Response) {
      res.render('activate/done', { pageTitle: req.t('portal:activate.done.title') })
    },
  }
}
