// Documents parents send: checked by content on the way in (a PDF, a JPEG or a PNG, at most 10 MB and 5 a message),
// kept under random names outside the web root, read only by the parent who sent them and by staff (every read in the
// case's audit trail), and accepted or declined by the representative answering the thread, with a reason the parent
// reads. A document the agency asked for (a document request from the case system) stands as requested, received,
// accepted or declined; a request already answered refuses a second answer until its answer is declined.
import type { Kysely } from 'kysely'

import { createAuditTrail } from '../audit/auditTrail'
import type { FieldIssue } from '../callbacks/callbackRequest'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import {
  type CheckedUpload,
  documentErrorKeys,
  maxDeclineReasonLength,
  maxDocumentBytes,
  maxDocumentsPerMessage,
  type RequestStatus,
  type SentDocument,
  type UploadedFile,
} from './documentRecord'
import { createDocumentRepository, type DocumentRequestRow } from './documentRepository'
import type { DocumentStore } from './documentStore'
import { safeDocumentName, sniffDocumentType } from './documentType'

export interface DocumentRequestView extends DocumentRequestRow {
  status: RequestStatus
  /** The thread that carries the latest answer, and why it was declined, when it was. */
  threadId: number | null
  declineReasons: string[]
}

export type ReviewRefusal = 'not_found' | 'not_claimed_by_you' | 'already_reviewed'
export type ReviewResult = { ok: true; document: SentDocument } | { ok: false; reason: ReviewRefusal; messageKey: string }

export const reviewRefusalKeys: Record<ReviewRefusal, string> = {
  not_found: 'documents:errors.notFound',
  not_claimed_by_you: 'messages:errors.notClaimedByYou',
  already_reviewed: 'documents:errors.alreadyReviewed',
}

/** A request's standing from its latest answer's files: any declined → declined; all accepted → accepted. */
export function requestStatusOf(answer: readonly Pick<SentDocument, 'status'>[]): RequestStatus {
  if (answer.length === 0) return 'requested'
  if (answer.some((d) => d.status === 'declined')) return 'declined'
  return answer.every((d) => d.status === 'accepted') ? 'accepted' : 'received'
}

export function createDocumentService(deps: { db: Kysely<Database>; clock: Clock; store: DocumentStore }) {
  const { clock, store } = deps
  const repository = createDocumentRepository(deps.db)
  const audit = createAuditTrail(deps.db, clock)

  async function recordRead(document: SentDocument, actor: { kind: 'parent' | 'staff'; id: number }, channel: 'web' | 'console') {
    const details = { documentId: document.id, threadId: document.threadId }
    if (document.caseId !== null) await audit.recordCaseEvents([{ actor, caseId: document.caseId, channel, action: 'document.read', details }])
    else await audit.recordParticipantEvents([{ actor, participantId: document.participantId, channel, action: 'document.read', details }])
  }

  return {
    store,
    limits: { maxBytes: maxDocumentBytes, maxFiles: maxDocumentsPerMessage },

    /**
     * Judges what an upload wrote: each file by its first bytes. On any problem every file is removed (nothing of a
     * refused message is kept) and the problem is returned as a field issue naming the file.
     */
    async checkUploads(files: readonly UploadedFile[]): Promise<{ ok: true; uploads: CheckedUpload[] } | { ok: false; issue: FieldIssue & { params?: Record<string, unknown> } }> {
      const refuse = async (messageKey: string, params?: Record<string, unknown>) => {
        await store.discard(files.map((f) => f.path))
        return { ok: false as const, issue: { field: 'documents', messageKey, params } }
      }
      if (files.length > maxDocumentsPerMessage) return refuse(documentErrorKeys.tooMany, { max: maxDocumentsPerMessage })
      const uploads: CheckedUpload[] = []
      for (const file of files) {
        if (file.sizeBytes > maxDocumentBytes) return refuse(documentErrorKeys.tooLarge, { max: maxDocumentBytes / (1024 * 1024) })
        if (file.sizeBytes === 0) return refuse(documentErrorKeys.empty, { name: file.originalName })
        const type = sniffDocumentType(await store.head(file.path))
        if (type === null) return refuse(documentErrorKeys.notAllowedType, { name: file.originalName })
        uploads.push({ storageName: file.storageName, name: safeDocumentName(file.originalName, type), type, sizeBytes: file.sizeBytes })
      }
      return { ok: true, uploads }
    },

    /** Removes files that will not be kept (the message they came with was refused). */
    discard(uploads: readonly { storageName: string }[]): Promise<void> {
      return store.discard(uploads.map((u) => store.pathOf(u.storageName)))
    },

    /** A document's record (not its file): which thread it is on, where it stands. Not a read of the document. */
    find(documentId: number): Promise<SentDocument | undefined> {
      return repository.findById(documentId)
    },

    listForThread(threadId: number): Promise<SentDocument[]> {
      return repository.listForThread(threadId)
    },

    /** The documents the agency asked this parent for, each with where it stands. */
    async requestsForParent(participantId: number, eventId?: number): Promise<DocumentRequestView[]> {
      const requests = await repository.requestsForParent(participantId, eventId)
      const answers = await repository.answersTo(
        requests.map((r) => r.eventId),
        participantId,
      )
      return requests.map((request) => {
        const mine = answers.filter((d) => d.eventId === request.eventId)
        const latestThread = mine[0]?.threadId ?? null
        const latest = mine.filter((d) => d.threadId === latestThread)
        return {
          ...request,
          status: requestStatusOf(latest),
          threadId: latestThread,
          declineReasons: latest.flatMap((d) => (d.status === 'declined' && d.declineReason ? [d.declineReason] : [])),
        }
      })
    },

    /** Whether the request already has an answer that stands, so a second is refused (the database holds it too). */
    hasStandingAnswer(eventId: number): Promise<boolean> {
      return repository.hasStandingAnswer(eventId)
    },

    /** A document on the parent's own thread, for download; the read is in the audit trail. Anyone else's: undefined. */
    async openForParent(participantId: number, threadId: number, documentId: number): Promise<{ document: SentDocument; path: string } | undefined> {
      const document = await repository.findForParent(threadId, documentId, participantId)
      if (!document) return undefined
      await recordRead(document, { kind: 'parent', id: participantId }, 'web')
      return { document, path: store.pathOf(document.storageName) }
    },

    /** Any document, for a representative; the read is in the audit trail. */
    async openForStaff(staffId: number, documentId: number): Promise<{ document: SentDocument; path: string } | undefined> {
      const document = await repository.findById(documentId)
      if (!document) return undefined
      await recordRead(document, { kind: 'staff', id: staffId }, 'console')
      return { document, path: store.pathOf(document.storageName) }
    },

    /** The message key for a decision the domain would refuse, by field. */
    checkReview(decision: unknown, reason: unknown): FieldIssue[] {
      const issues: FieldIssue[] = []
      if (decision !== 'accepted' && decision !== 'declined') issues.push({ field: 'decision', messageKey: documentErrorKeys.decisionRequired })
      const text = typeof reason === 'string' ? reason.trim() : ''
      if (decision === 'declined' && !text) issues.push({ field: 'reason', messageKey: documentErrorKeys.reasonRequired })
      // eslint-disable-next-line no-control-regex
      if (text.length > maxDeclineReasonLength || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text))
        issues.push({ field: 'reason', messageKey: documentErrorKeys.reasonTooLong })
      return issues
    },

    /** Accepts or declines a received document on a thread this representative holds; recorded in the audit trail. */
    async review(args: { staffId: number; documentId: number; decision: 'accepted' | 'declined'; reason: unknown }): Promise<ReviewResult> {
      const reason = typeof args.reason === 'string' && args.reason.trim() ? args.reason.trim() : null
      const reviewed = await repository.review({ id: args.documentId, staffId: args.staffId, decision: args.decision, reason, now: clock.now() })
      if (reviewed) {
        const actor = { kind: 'staff' as const, id: args.staffId }
        const details = { documentId: reviewed.id, threadId: reviewed.threadId, decision: args.decision }
        if (reviewed.caseId !== null) await audit.recordCaseEvents([{ actor, caseId: reviewed.caseId, channel: 'console', action: 'document.reviewed', details }])
        else await audit.recordParticipantEvents([{ actor, participantId: reviewed.participantId, channel: 'console', action: 'document.reviewed', details }])
        return { ok: true, document: reviewed }
      }
      const current = await repository.findById(args.documentId)
      const reason2: ReviewRefusal = !current ? 'not_found' : current.status !== 'received' ? 'already_reviewed' : 'not_claimed_by_you'
      return { ok: false, reason: reason2, messageKey: reviewRefusalKeys[reason2] }
    },
  }
}

export type DocumentService = ReturnType<typeof createDocumentService>
