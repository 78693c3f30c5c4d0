import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { callbackTopics } from '../../callbacks/callbackRequest'
import { NotFoundError } from '../../errors'
import { maxMessageLength, MessageValidationError } from '../../messages/messageInput'
import { principalOf } from '../../middleware/requireParent'
import { threadIdOf } from '../../routeParams'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../forms'
import { pathTo } from '../paths'
import { newMessageFields, newMessageSchema } from './validation'

// Write to the agency, read its replies as a thread, write again. A thread that is not the parent's is not found,
// exactly like one that does not exist.

export function messagesController({ services }: AppDependencies) {
  async function caseChoices(req: Request) {
    const cases = await services.cases.listCaseSummaries(principalOf(req), 'web')
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

  async function showNew(req: Request, res: Response, values: Record<string, string>, errors?: FieldErrors) {
    const { options } = await caseChoices(req)
    renderForm(res, 'messages/new', {
      pageTitle: req.t('messages:new.title'),
      values,
      errors,
      fieldOrder: newMessageFields,
      caseOptions: options,
      topics: topicOptions(req),
      maxLength: maxMessageLength,
    })
  }

  async function showThread(req: Request, res: Response, threadId: number, values: Record<string, string>, errors?: FieldErrors) {
    const found = await services.messages.threadForParent(principalOf(req).participantId, threadId)
    if (!found) throw new NotFoundError()
    const { caseLabels } = await caseChoices(req)
    renderForm(res, 'messages/thread', {
      pageTitle: req.t('messages:thread.title'),
      thread: found.thread,
      change: found.posts.find((post) => post.fields)?.fields?.change ?? null,
      caseLast4: found.thread.caseId === null ? null : (caseLabels.get(found.thread.caseId) ?? null),
      posts: found.posts.map((post) => ({ ...post, fromAgency: post.author === 'staff' })),
      waiting: found.thread.status !== 'answered',
      sent: req.query.sent === '1' && !errors,
      values,
      errors,
      fieldOrder: ['body'],
      maxLength: maxMessageLength,
    })
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
      const form = validateForm(newMessageSchema(caseIds), req.body)
      // The text's own rules are checked together with the form's, so every problem shows at once.
      const bodyIssue = form.ok ? null : await services.messages.checkBody((req.body as Record<string, unknown> | undefined)?.body)
      if (!form.ok) return showNew(req, res, keptValues(req.body), { ...(bodyIssue ? { body: bodyIssue } : {}), ...form.errors })
      const started = await services.messages
        .startThread({ participantId: principalOf(req).participantId, caseId: form.data.caseId, topic: form.data.topic, body: form.data.body, language: req.language })
        .catch((error: unknown) => {
          if (error instanceof MessageValidationError) return error
          throw error
        })
      if (started instanceof MessageValidationError) return showNew(req, res, keptValues(req.body), issuesToErrors(started))
      res.redirect(303, `${pathTo('messageThread', { threadId: started.id })}?sent=1`)
    },

    async thread(req: Request, res: Response) {
      await showThread(req, res, threadIdOf(req), {})
    },

    async reply(req: Request, res: Response) {
      const threadId = threadIdOf(req)
      const body = (req.body as Record<string, unknown> | undefined)?.body
      const replied = await services.messages.replyAsParent(principalOf(req).participantId, threadId, body).catch((error: unknown) => {
        if (error instanceof MessageValidationError) return error
        throw error
      })
      if (replied === undefined) throw new NotFoundError()
      if (replied instanceof MessageValidationError) return showThread(req, res, threadId, keptValues(req.body), issuesToErrors(replied))
      res.redirect(303, `${pathTo('messageThread', { threadId })}?sent=1`)
    },
  }
}
