import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import type { ContactField } from '../../identity/contactDetails'
import { principalOf } from '../../middleware/requireParent'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { portalPaths } from '../paths'
import { usStateNames } from './usStates'
import { detailsFields, detailsSchema, formValuesOf } from './validation'

// "My details": the parent's own address, phones, email, employer and preferred language, in one form. Every
// change is recorded by the domain (server/identity/contactDetails.ts).

export function detailsController(deps: AppDependencies) {
  const contactDetails = deps.services.contactDetails
  const states = Object.entries(usStateNames).map(([value, label]) => ({ value, label }))
  // A named first choice only while no state is chosen: an option with no words is announced as blank (and the HTML
  // validator refuses it), and once a state is chosen there is nothing to go back to.
  const stateOptions = (req: Request, chosen: string | undefined) =>
    chosen && Object.hasOwn(usStateNames, chosen) ? states : [{ value: '', label: req.t('portal:details.statePlaceholder') }, ...states]

  const showForm = async (req: Request, res: Response, values: Record<string, string>, errors?: FieldErrors) => {
    // Alerts have a page of their own; this page says whether they are on and leads there.
    const alerts = await deps.services.alertSettings.get(principalOf(req).participantId)
    renderForm(res, 'details/details', {
      pageTitle: req.t('portal:details.title'),
      values,
      errors,
      fieldOrder: detailsFields,
      stateOptions: stateOptions(req, values.state),
      alertsOn: { text: alerts.text?.confirmed === true, email: alerts.email?.confirmed === true },
    })
  }

  return {
    async show(req: Request, res: Response) {
      const details = await contactDetails.get(principalOf(req).participantId)
      if (!details) throw new Error('signed-in participant has no record')
      await showForm(req, res, formValuesOf(details))
    },

    async submit(req: Request, res: Response) {
      const form = validateForm(detailsSchema, req.body)
      if (!form.ok) return showForm(req, res, keptValues(req.body), form.errors)
      const { changed } = await contactDetails.update(principalOf(req).participantId, form.data, 'web')
      // The fields that changed ride in the query string as names only, never values.
      res.redirect(303, `${portalPaths.detailsSaved}?changed=${changed.join(',')}`)
    },

    saved(req: Request, res: Response) {
      const known = new Set<string>(detailsFields)
      const changed = String(req.query.changed ?? '')
        .split(',')
        .filter((field): field is ContactField => known.has(field))
      res.render('details/saved', { pageTitle: req.t('portal:details.saved.title'), changed })
    },
  }
}
