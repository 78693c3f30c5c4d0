import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { type ChangeKind, livesWithChoices } from '../../messages/changeReport'
import { maxMessageLength, MessageValidationError } from '../../messages/messageInput'
import { principalOf } from '../../middleware/requireParent'
import { type FieldErrors, keptValues, renderForm } from '../../web/forms'
import { pathTo, portalPaths } from '../paths'
import { caseIdFromForm, changeFieldsFromForm, changeFormFieldIds, changeFormFields } from './validation'

// Report a change: a page that lists what the agency asks parents to report (and sends a new address or phone to
// the details page, where it is changed at once), and one form for each kind of report. A report becomes a thread
// the parent reads in their messages; a refused one keeps what was typed and stores nothing.

const views: Record<ChangeKind, string> = { job: 'changes/job', household: 'changes/household', other_parent: 'changes/other-parent' }
const formPaths: Record<ChangeKind, string> = {
  job: portalPaths.reportJob,
  household: portalPaths.reportHousehold,
  other_parent: portalPaths.reportOtherParent,
}

export function changesController({ services }: AppDependencies) {
  async function caseOptions(req: Request) {
    const cases = await services.cases.listCaseChoices(principalOf(req))
    return cases.map((c) => ({
      value: String(c.caseId),
      label: req.t('portal:callbacks.caseOption', { last4: c.caseNumberLast4, role: req.t(`portal:callbacks.role.${c.viewer}`) }),
    }))
  }

  async function showForm(req: Request, res: Response, change: ChangeKind, values: Record<string, string>, errors?: FieldErrors) {
    const options = await caseOptions(req)
    renderForm(res, views[change], {
      pageTitle: req.t(`changes:${change}.title`),
      values: { ...(options.length === 1 ? { caseId: options[0]!.value } : {}), ...values },
      errors,
      fieldOrder: changeFormFields[change],
      fieldIds: changeFormFieldIds,
      caseOptions: [{ value: '', label: req.t('changes:form.chooseCase') }, ...options],
      livesWithOptions: livesWithChoices.map((value) => ({ value, label: req.t(`changes:household.livesWithChoices.${value}`) })),
      action: formPaths[change],
      maxLength: maxMessageLength,
    })
  }

  const issuesToErrors = (error: MessageValidationError): FieldErrors => {
    const errors: FieldErrors = {}
    for (const issue of error.issues) errors[issue.field] ??= issue.messageKey
    return errors
  }

  return {
    index(req: Request, res: Response) {
      res.render('changes/index', { pageTitle: req.t('changes:index.title') })
    },

    form: (change: ChangeKind) => (req: Request, res: Response) => showForm(req, res, change, {}),

    submit: (change: ChangeKind) => async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>
      const reported = await services.messages
        .reportChange({
          participantId: principalOf(req).participantId,
          caseId: caseIdFromForm(body.caseId),
          change,
          fields: changeFieldsFromForm(change, body),
          note: body.note,
          language: req.language,
        })
        .catch((error: unknown) => {
          if (error instanceof MessageValidationError) return error
          throw error
        })
      if (reported instanceof MessageValidationError) return showForm(req, res, change, keptValues(req.body), issuesToErrors(reported))
      res.redirect(303, `${pathTo('messageThread', { threadId: reported.id })}?sent=1`)
    },
  }
}
