import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { NotFoundError } from '../../errors'
import { maxMessageLength, MessageValidationError } from '../../messages/messageInput'
import { DocumentAnswerRefused } from '../../messages/messageService'
import { uploadOutcomeOf } from '../../middleware/documentUploads'
import { principalOf } from '../../middleware/requireParent'
import { eventIdOf } from '../../routeParams'
import { type FieldError, type FieldErrors, keptValues, renderForm } from '../../web/forms'
import { pathTo } from '../paths'

// The documents the agency asked for: each with where it stands (requested, received, accepted, declined and why),
// and a form to send one. A request already answered says so and takes nothing; a declined one can be sent again.

export function documentsController({ services }: AppDependencies) {
  async function caseLabels(req: Request) {
    const cases = await services.cases.listCaseChoices(principalOf(req))
    return new Map(cases.map((c) => [c.caseId, c.caseNumberLast4]))
  }

  async function requestOf(req: Request) {
    const [request] = await services.documents.requestsForParent(principalOf(req).participantId, eventIdOf(req))
    if (!request) throw new NotFoundError()
    return request
  }

  async function showForm(req: Request, res: Response, values: Record<string, string>, errors?: FieldErrors, status?: number) {
    const request = await requestOf(req)
    const labels = await caseLabels(req)
    const answered = request.status === 'received' || request.status === 'accepted'
    renderForm(res, 'documents/answer', {
      pageTitle: req.t('documents:answer.title'),
      request: { ...request, caseLast4: labels.get(request.caseId) ?? '' },
      answered,
      answeredThread: answered && request.threadId !== null ? pathTo('messageThread', { threadId: request.threadId }) : null,
      action: pathTo('answerDocumentRequest', { eventId: request.eventId }),
      values,
      errors,
      status: status ?? (answered && errors ? 409 : undefined),
      fieldOrder: ['documents', 'note'],
      documentLimits: services.documents.limits,
      maxLength: maxMessageLength,
    })
  }

  return {
    async list(req: Request, res: Response) {
      const [requests, labels] = await Promise.all([services.documents.requestsForParent(principalOf(req).participantId), caseLabels(req)])
      res.render('documents/list', {
        pageTitle: req.t('documents:list.title'),
        requests: requests.map((r) => ({
          ...r,
          caseLast4: labels.get(r.caseId) ?? '',
          href: pathTo('answerDocumentRequest', { eventId: r.eventId }),
          threadHref: r.threadId === null ? null : pathTo('messageThread', { threadId: r.threadId }),
          canSend: r.status === 'requested' || r.status === 'declined',
        })),
      })
    },

    form: (req: Request, res: Response) => showForm(req, res, {}),

    async submit(req: Request, res: Response) {
      const participantId = principalOf(req).participantId
      const outcome = uploadOutcomeOf(req)
      if (outcome.problem) {
        await requestOf(req)
        const error: FieldError = { key: outcome.problem.messageKey, params: outcome.problem.params ?? {} }
        return showForm(req, res, keptValues(req.body), { documents: error }, outcome.problem.status)
      }
      const checked = await services.documents.checkUploads(outcome.files)
      if (!checked.ok) {
        await requestOf(req)
        return showForm(req, res, keptValues(req.body), { documents: { key: checked.issue.messageKey, params: checked.issue.params ?? {} } })
      }
      const answered = await services.messages
        .answerDocumentRequest({ participantId, eventId: eventIdOf(req), note: (req.body as Record<string, unknown> | undefined)?.note, language: req.language, documents: checked.uploads })
        .catch(async (error: unknown) => {
          await services.documents.discard(checked.uploads)
          if (error instanceof MessageValidationError || error instanceof DocumentAnswerRefused) return error
          throw error
        })
      if (answered instanceof DocumentAnswerRefused) {
        if (answered.reason === 'not_found') throw new NotFoundError()
        return showForm(req, res, keptValues(req.body), { documents: 'documents:errors.alreadyAnswered' }, 409)
      }
      if (answered instanceof MessageValidationError) {
        const errors: FieldErrors = {}
        for (const issue of answered.issues) errors[issue.field] ??= issue.messageKey
        return showForm(req, res, keptValues(req.body), errors)
      }
      res.redirect(303, `${pathTo('messageThread', { threadId: answered.id })}?sent=1`)
    },
  }
}
