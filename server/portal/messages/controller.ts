import type { NextFunction, Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { callbackTopics } from '../../callbacks/callbackRequest'
import { NotFoundError } from '../../errors'
import { maxMessageLength, MessageValidationError } from '../../messages/messageInput'
import { principalOf } from '../../middleware/requireParent'
import { documentIdOf, threadIdOf } from '../../routeParams'
import { sendDocument } from '../../web/documentDownload'
import { uploadOutcomeOf } from '../../middleware/documentUploads'
import { type FieldError, type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { pathTo } from '../paths'
import { newMessageFields, newMessageSchema } from './validation'

// Write to the agency, read its replies as a thread, write again. A thread that is not the parent's is not found,
// exactly like one that does not exist.

export function messagesController({ services }: AppDependencies) {
  async function caseChoices(req: Request) {
    const cases = await services.cases.listCaseChoices(principalOf(req))
    return {
      caseIds: cases.map((c) => c.caseId),
      caseLabels: new Map(cases.map((c) => [c.caseId, c.caseNumberLast4])),
      options: [
        ...cases.map((c) => ({ value: String(c.caseId), label: req.t('portal:callbacks.caseOption', { last4: c.caseNumberLast4, role: req.t(`portal:callbacks.role.${c.viewer}`) }) })),
        { value: 'none', label: req.t('portal:callbacks.noCase') },
      ],
    }
  }

  const topicOptions = (req: Request) => callbackTopics.map((value) => ({ value, label: req.t(`callbacks:topics.${value}`) }))

  async function showNew(req: Request, res: Response, values: Record<string, string>, errors?: FieldErrors, status?: number) {
    const { options } = await caseChoices(req)
    renderForm(res, 'messages/new', {
      pageTitle: req.t('messages:new.title'),
      values,
      errors,
      status,
      fieldOrder: [...newMessageFields, 'documents'],
      documentLimits: services.documents.limits,
      caseOptions: options,
      topics: topicOptions(req),
      maxLength: maxMessageLength,
    })
  }

  async function showThread(req: Request, res: Response, threadId: number, values: Record<string, string>, errors?: FieldErrors, status?: number) {
    const found = await services.messages.threadForParent(principalOf(req).participantId, threadId)
    if (!found) throw new NotFoundError()
    const [{ caseLabels }, documents] = await Promise.all([caseChoices(req), services.documents.listForThread(threadId)])
    renderForm(res, 'messages/thread', {
      pageTitle: req.t('messages:thread.title'),
      thread: found.thread,
      change: found.posts.find((post) => post.fields)?.fields?.change ?? null,
      caseLast4: found.thread.caseId === null ? null : (caseLabels.get(found.thread.caseId) ?? null),
      posts: found.posts.map((post) => ({ ...post, fromAgency: post.author === 'staff' })),
      documents: documents.map((d) => ({
        id: d.id,
        name: d.name,
        sizeKb: Math.max(1, Math.round(d.sizeBytes / 1024)),
        status: d.status,
        declineReason: d.declineReason,
        href: pathTo('messageDocument', { threadId, documentId: d.id }),
      })),
      documentLimits: services.documents.limits,
      status,
      waiting: found.thread.status !== 'answered',
      sent: req.query.sent === '1' && !errors,
      values,
      errors,
      fieldOrder: ['body', 'documents'],
      maxLength: maxMessageLength,
    })
  }

  /** The files the upload wrote, judged by content; any problem removes them all and is the documents field's error. */
  async function checkedUploads(req: Request) {
    const outcome = uploadOutcomeOf(req)
    if (outcome.problem) {
      const error: FieldError = { key: outcome.problem.messageKey, params: outcome.problem.params ?? {} }
      return { ok: false as const, error, status: outcome.problem.status }
    }
    const checked = await services.documents.checkUploads(outcome.files)
    if (!checked.ok) return { ok: false as const, error: { key: checked.issue.messageKey, params: checked.issue.params ?? {} } as FieldError, status: 400 }
    return { ok: true as const, uploads: checked.uploads }
  }

  const issuesToErrors = (error: MessageValidationError): FieldErrors => {
    const errors: FieldErrors = {}
    for (const issue of error.issues) errors[issue.field] ??= issue.messageKey
    return errors
  }

  return {
    async list(req: Request, res: Response) {
      const threads = await services.messages.listForParent(principalOf(req).participantId)
      res.render('messages/list', { pageTitle: req.t('messages:list.title'), threads })
    },

    async showNew(req: Request, res: Response) {
      const preselected = typeof req.query.case === 'string' && /^\d{1,12}$/.test(req.query.case) ? req.query.case : ''
      await showNew(req, res, { caseId: preselected })
    },

    async submitNew(req: Request, res: Response) {
      const { caseIds } = await caseChoices(req)
      const files = await checkedUploads(req)
      const form = validateForm(newMessageSchema(caseIds), req.body)
      // The text's own rules are checked together with the form's, so every problem shows at once.
      const bodyIssue = form.ok ? null : await services.messages.checkBody((req.body as Record<string, unknown> | undefined)?.body)
      if (!form.ok || !files.ok) {
        if (files.ok) await services.documents.discard(files.uploads)
        const errors = { ...(bodyIssue ? { body: bodyIssue } : {}), ...(form.ok ? {} : form.errors), ...(files.ok ? {} : { documents: files.error }) }
        return showNew(req, res, keptValues(req.body), errors, files.ok ? 400 : files.status)
      }
      const started = await services.messages
        .startThread({
          participantId: principalOf(req).participantId,
          caseId: form.data.caseId,
          topic: form.data.topic,
          body: form.data.body,
          language: req.language,
          documents: files.uploads,
        })
        .catch(async (error: unknown) => {
          await services.documents.discard(files.uploads)
          if (error instanceof MessageValidationError) return error
          throw error
        })
      if (started instanceof MessageValidationError) return showNew(req, res, keptValues(req.body), issuesToErrors(started))
      res.redirect(303, `${pathTo('messageThread', { threadId: started.id })}?sent=1`)
    },

    async thread(req: Request, res: Response) {
      await showThread(req, res, threadIdOf(req), {})
    },

    /** A document on the parent's own thread, as a download; another parent's is not found. */
    async document(req: Request, res: Response, next: NextFunction) {
      const opened = await services.documents.openForParent(principalOf(req).participantId, threadIdOf(req), documentIdOf(req))
      if (!opened) throw new NotFoundError()
      sendDocument(res, next, opened)
    },

    async reply(req: Request, res: Response) {
      const threadId = threadIdOf(req)
      const body = (req.body as Record<string, unknown> | undefined)?.body
      const files = await checkedUploads(req)
      if (!files.ok) {
        const bodyIssue = await services.messages.checkBody(body)
        // Another parent's thread is not found, whatever was sent with it.
        if (!(await services.messages.threadForParent(principalOf(req).participantId, threadId))) throw new NotFoundError()
        return showThread(req, res, threadId, keptValues(req.body), { ...(bodyIssue ? { body: bodyIssue } : {}), documents: files.error }, files.status)
      }
      const replied = await services.messages.replyAsParent(principalOf(req).participantId, threadId, body, files.uploads).catch((error: unknown) => {
        if (error instanceof MessageValidationError) return error
        throw error
      })
      if (replied === undefined || replied instanceof MessageValidationError) await services.documents.discard(files.uploads)
      if (replied === undefined) throw new NotFoundError()
      if (replied instanceof MessageValidationError) return showThread(req, res, threadId, keptValues(req.body), issuesToErrors(replied))
      res.redirect(303, `${pathTo('messageThread', { threadId })}?sent=1`)
    },
  }
}
