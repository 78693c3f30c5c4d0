import type { NextFunction, Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { NotFoundError } from '../../errors'
import { claimableThread } from '../../messages/messageService'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { holdsClaim, mayClaim } from '../../queue/claimRule'
import { documentIdOf, threadIdOf } from '../../routeParams'
import { sendDocument } from '../../web/documentDownload'
import { alertSentRows, alertsShownOnRequest } from '../alertsSent'
import { timeLeftText } from '../callbackViews'
import { setNotice } from '../notices'
import { consolePaths, consolePathTo } from '../paths'
import { staffPrincipalOf } from '../staffSession'
import { replyChoiceSchema, replyFields } from './validation'

// One message thread as the representative answers it: the parent's words and the agency's replies, oldest first;
// the writer's context beside it (who they are on the case, the case through the same case-inquiry service as the
// portal and the phone line, the family-violence warning, never the other party's contact details); and the actions
// its state allows (take it, reply in the parent's language and close it or keep it open, put it back). Every read
// is in the audit trail (messages service): the case's, or the parent's for a thread about no case.

export function messageController({ services }: AppDependencies) {
  async function show(req: Request, res: Response, errors?: FieldErrors, threadId: number = threadIdOf(req)) {
    const principal = staffPrincipalOf(req)
    const detail = await services.messages.threadForStaff(principal.staffId, threadId)
    if (!detail) throw new NotFoundError()
    const { thread, posts, timeLeft, claimStale, claimTime } = detail
    const caseId = thread.caseId
    const [view, parties, documents, alertsSent] = await Promise.all([
      caseId === null ? null : services.cases.getCaseView(principal, caseId, 'console'),
      caseId === null ? null : services.staffDirectory.caseParties(principal, caseId),
      services.documents.listForThread(thread.id),
      services.alertOutbox.recentFor(thread.participantId, alertsShownOnRequest),
    ])
    const writer =
      parties?.parties.find((p) => p.participantId === thread.participantId) ??
      (await services.staffDirectory.participantName(principal, thread.participantId))
    const staffNames = await services.staffDirectory.staffNames([
      ...posts.flatMap((p) => (p.staffId === null ? [] : [p.staffId])),
      ...(thread.claimedBy === null ? [] : [thread.claimedBy]),
    ])
    const claimedByMe = holdsClaim(principal, thread)
    const titleKey = thread.kind === 'change' ? 'console:message.changeTitle' : thread.kind === 'document' ? 'console:message.documentTitle' : 'console:message.title'
    renderForm(res, 'console/messages/message', {
      pageTitle: req.t(titleKey, { id: thread.id }),
      documents: documents.map((d) => ({
        id: d.id,
        name: d.name,
        sizeKb: Math.max(1, Math.round(d.sizeBytes / 1024)),
        status: d.status,
        declineReason: d.declineReason,
        answersRequest: d.eventId !== null,
        href: consolePathTo('document', { documentId: d.id }),
        reviewAction: consolePathTo('documentReview', { documentId: d.id }),
        reviewable: claimedByMe && d.status === 'received',
        reasonField: `reason-${d.id}`,
      })),
      values: keptValues(req.body),
      errors,
      fieldOrder: replyFields,
      thread: { ...thread, dueBy: thread.dueBy.toISOString(), createdAt: thread.createdAt.toISOString() },
      timeLeft: timeLeftText(req.t, timeLeft),
      overdue: timeLeft.overdue,
      waiting: thread.status !== 'answered',
      claimedByMe,
      claimedByName: thread.claimedBy === null ? null : (staffNames.get(thread.claimedBy) ?? null),
      canClaim: mayClaim(principal, claimableThread(thread), claimTime),
      claimStale,
      writer: writer ? { name: writer.name, role: 'role' in writer ? writer.role : null } : null,
      posts: posts.map((p) => ({
        author: p.author,
        staffName: p.staffId === null ? null : (staffNames.get(p.staffId) ?? null),
        body: p.body,
        fields: p.fields,
        createdAt: p.createdAt.toISOString(),
      })),
      summary: view?.summary ?? null,
      nextSteps: view?.nextSteps.steps ?? [],
      parties: parties?.parties ?? [],
      familyViolence: parties ? parties.parties.some((p) => p.familyViolence) : Boolean(writer && 'familyViolence' in writer && writer.familyViolence),
      replyHint: req.t(`console:message.replyHint.${thread.language}`),
      alertsSent: alertSentRows(alertsSent),
      closeOptions: ['yes', 'no'].map((value) => ({ value, label: req.t(`console:message.close.${value}`) })),
    })
  }

  const backToThread = (res: Response, threadId: number) => res.redirect(303, consolePathTo('message', { threadId }))

  return {
    show: (req: Request, res: Response) => show(req, res),

    async claim(req: Request, res: Response) {
      const threadId = threadIdOf(req)
      const result = await services.messages.claim(threadId, staffPrincipalOf(req).staffId)
      if (!result.ok) {
        if (result.reason === 'not_found') throw new NotFoundError()
        setNotice(req, { key: result.messageKey, kind: 'warning' })
        return res.redirect(303, consolePaths.queue)
      }
      setNotice(req, { key: 'console:notices.messageClaimed', params: { id: threadId }, kind: 'success' })
      backToThread(res, threadId)
    },

    async release(req: Request, res: Response) {
      const threadId = threadIdOf(req)
      const result = await services.messages.release(threadId, staffPrincipalOf(req).staffId)
      if (!result.ok) {
        if (result.reason === 'not_found') throw new NotFoundError()
        setNotice(req, { key: result.messageKey, kind: 'warning' })
        return backToThread(res, threadId)
      }
      setNotice(req, { key: 'console:notices.messageReleased', params: { id: threadId }, kind: 'info' })
      res.redirect(303, consolePaths.queue)
    },

    /** A document on any thread, as a download; the read is in the audit trail. */
    async document(req: Request, res: Response, next: NextFunction) {
      const opened = await services.documents.openForStaff(staffPrincipalOf(req).staffId, documentIdOf(req))
      if (!opened) throw new NotFoundError()
      sendDocument(res, next, opened)
    },

    /** Accept a received document, or decline it with a reason the parent reads; only on a thread this rep holds. */
    async reviewDocument(req: Request, res: Response) {
      const documentId = documentIdOf(req)
      const body = (req.body ?? {}) as Record<string, unknown>
      const document = await services.documents.find(documentId)
      if (!document) throw new NotFoundError()
      const threadId = document.threadId
      const issues = services.documents.checkReview(body.decision, body.reason)
      if (issues.length) {
        // Each document has its own decline form: the error goes beside that form's reason.
        const errors: FieldErrors = {}
        for (const issue of issues) errors[`reason-${documentId}`] ??= issue.messageKey
        return show(req, res, errors, threadId)
      }
      const result = await services.documents.review({
        staffId: staffPrincipalOf(req).staffId,
        documentId,
        decision: body.decision === 'declined' ? 'declined' : 'accepted',
        reason: body.reason,
      })
      if (!result.ok) {
        setNotice(req, { key: result.messageKey, kind: 'warning' })
        return backToThread(res, threadId)
      }
      setNotice(req, { key: `console:notices.document.${result.document.status}`, params: { name: result.document.name }, kind: 'success' })
      backToThread(res, threadId)
    },

    /** The reply goes to the parent's thread (unread for them); it closes the message or puts it back in the queue. */
    async reply(req: Request, res: Response) {
      const threadId = threadIdOf(req)
      const choice = validateForm(replyChoiceSchema, req.body)
      const bodyProblem = await services.messages.checkBody((req.body as Record<string, unknown> | undefined)?.body)
      const errors: FieldErrors = { ...(bodyProblem ? { body: bodyProblem } : {}), ...(choice.ok ? {} : choice.errors) }
      if (bodyProblem || !choice.ok) return show(req, res, errors)
      const result = await services.messages.replyAsStaff({
        threadId,
        staffId: staffPrincipalOf(req).staffId,
        body: (req.body as Record<string, unknown>).body,
        close: choice.data.close === 'yes',
      })
      if (!result.ok) {
        if (result.reason === 'not_found') throw new NotFoundError()
        setNotice(req, { key: 'messages:errors.notClaimedByYou', kind: 'warning' })
        return backToThread(res, threadId)
      }
      const key = result.thread.status === 'answered' ? 'console:notices.messageAnswered' : 'console:notices.messageKeptOpen'
      setNotice(req, { key, params: { id: threadId }, kind: 'success' })
      res.redirect(303, consolePaths.queue)
    },
  }
}
