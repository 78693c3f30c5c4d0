// Written messages between a parent and the agency: a parent starts a thread about one of their cases (or none),
// writes again, reads the replies; a representative claims a thread and replies. Every read of a thread about a case
// is recorded in that case's audit trail. Channels call this and nothing below it; what it returns carries enums
// and message keys, never sentences.
import type { Kysely, Transaction } from 'kysely'

import type { AlertChannel } from '../alerts/alertChannels'
import { raiseAlert } from '../alerts/raiseAlert'
import { createAuditTrail } from '../audit/auditTrail'
import type { BusinessCalendar } from '../callbacks/businessCalendar'
import { type CallbackLanguage, callbackLanguages, type CallbackTopic, CallbackValidationError, type FieldIssue } from '../callbacks/callbackRequest'
import type { ServiceLevel, TimeLeft } from '../callbacks/serviceLevel'
import { type FigurePeriod, isFigurePeriod, periodBounds } from '../callbacks/supervisorFigures'
import { agencyToday, type Clock } from '../clock'
import type { SqlDialect } from '../db/dialect'
import type { Database } from '../db/schema'
import { claimHasLapsed, type ClaimableItem, type ClaimTime, holdsClaim, staleClaimsBefore } from '../queue/claimRule'
import { maxQueueRows } from '../queue/queuePaging'
import { type SupervisorMessageFigures, supervisorMessageFigures } from './messageFigures'
import { checkMessageBody, isMessageTopic, messageErrorKeys, MessageValidationError } from './messageInput'
import { type ChangeKind, changeTopics, checkChangeFields, isChangeKind } from './changeReport'
import { hasUnreadReply, type MessagePost, type MessageThread, type ThreadKind } from './messageRecord'
import { createMessageRepository } from './messageRepository'
import { documentErrorKeys, type CheckedUpload } from '../documents/documentRecord'
import { createDocumentRepository } from '../documents/documentRepository'

export interface NewMessageInput {
  participantId: number
  /** One of the parent's cases, or null for a question about no case in particular. */
  caseId: number | null
  topic: string
  body: unknown
  /** The language the parent wrote in, and in which the agency answers. */
  language: string
  /** Files already checked by the documents service, sent with the first post. */
  documents?: readonly CheckedUpload[]
}

export interface DocumentAnswerInput {
  participantId: number
  /** The document request (an event of the case system) the files answer. */
  eventId: number
  note: unknown
  language: string
  documents: readonly CheckedUpload[]
}

/** A document request already answered, or not the parent's: the answer is refused and nothing is stored. */
export class DocumentAnswerRefused extends Error {
  override readonly name = 'DocumentAnswerRefused'
  constructor(readonly reason: 'not_found' | 'already_answered') {
    super(`document answer refused: ${reason}`)
  }
}

/** The unique answer key of message_documents, broken: another answer to the same request won the race. */
function isSecondAnswer(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as { code?: string; constraint?: string; message?: string }
  return (code === '23505' && Boolean(constraint?.includes('answer_key'))) || (code === 'SQLITE_CONSTRAINT_UNIQUE' && Boolean(message?.includes('answer_key')))
}

export interface ChangeReportInput {
  participantId: number
  /** One of the parent's cases: a change is always about a case. */
  caseId: number | null
  change: ChangeKind
  /** The report's fields as typed (see changeReport.ts); dates as YYYY-MM-DD. */
  fields: Record<string, unknown>
  /** Anything else the parent wants the agency to know; may be empty. */
  note: unknown
  language: string
}

export interface ParentThreadSummary {
  id: number
  kind: MessageThread['kind']
  caseId: number | null
  topic: MessageThread['topic']
  status: MessageThread['status']
  dueBy: Date
  createdAt: Date
  updatedAt: Date
  unread: boolean
}

export interface ThreadWithPosts {
  thread: MessageThread
  posts: MessagePost[]
}

export type ReplyResult = { ok: true; thread: MessageThread } | { ok: false; reason: 'not_found' | 'not_claimed_by_you' }

/** A waiting thread as the representatives' queue shows it. */
export interface MessageQueueEntry {
  thread: MessageThread
  timeLeft: TimeLeft
  /** Claimed longer ago than a claim holds: another representative may take it over. */
  claimStale: boolean
  /** The instant and claim time the entry was judged at, for the claim rule. */
  claimTime: ClaimTime
}

export interface StaffThread extends MessageQueueEntry {
  posts: MessagePost[]
}

/** Why a queue action on a thread did not happen: a state a representative can meet in a race, not a fault. */
export type ThreadRefusal = 'not_found' | 'already_claimed' | 'not_claimed_by_you' | 'closed' | 'nothing_to_claim'

export const threadRefusalKeys: Record<ThreadRefusal, string> = {
  not_found: 'messages:errors.threadNotFound',
  already_claimed: 'messages:errors.alreadyClaimed',
  not_claimed_by_you: 'messages:errors.notClaimedByYou',
  closed: 'messages:errors.answered',
  nothing_to_claim: 'messages:errors.nothingToClaim',
}

export type ThreadQueueResult = { ok: true; thread: MessageThread } | { ok: false; reason: ThreadRefusal; messageKey: string }

const refusedThread = (reason: ThreadRefusal): ThreadQueueResult => ({ ok: false, reason, messageKey: threadRefusalKeys[reason] })

/** Why a conditional update on a thread touched no row, judged from the thread as it stands after the miss. */
function threadRefusalFor(action: 'claim' | 'release', current: MessageThread | undefined): ThreadRefusal {
  if (!current) return 'not_found'
  if (current.status === 'answered') return 'closed'
  return action === 'claim' ? 'already_claimed' : 'not_claimed_by_you'
}

/** A thread as the queue's claim rule sees it: a thread never waits for a retry time. */
export function claimableThread(thread: Pick<MessageThread, 'status' | 'claimedBy' | 'claimedAt'>): ClaimableItem {
  return { status: thread.status, claimedBy: thread.claimedBy, claimedAt: thread.claimedAt, notBefore: null }
}

export interface MessageServiceDependencies {
  db: Kysely<Database>
  dialect: SqlDialect
  clock: Clock
  /** The callbacks' service level and calendar: one promise for everything a parent waits on. */
  serviceLevel: ServiceLevel
  calendar: BusinessCalendar
  claimMinutes: number
  /** The most queue entries one listing returns. */
  queueLimit?: number
  /** The alert channels this office has set up: a reply raises "we answered your message" on them. */
  alertChannels?: readonly AlertChannel[]
}

export function createMessageService(deps: MessageServiceDependencies) {
  const { clock, serviceLevel } = deps
  const repository = createMessageRepository({ db: deps.db, dialect: deps.dialect })
  const documentRequests = createDocumentRepository(deps.db)
  const audit = createAuditTrail(deps.db, clock)
  const queueLimit = deps.queueLimit ?? 200
  const claimTimeAt = (now: Date): ClaimTime => ({ now, claimMinutes: deps.claimMinutes })
  const entryOf = (thread: MessageThread, now: Date): MessageQueueEntry => {
    const claimTime = claimTimeAt(now)
    return { thread, timeLeft: serviceLevel.timeLeft(thread.dueBy, now), claimStale: claimHasLapsed(claimableThread(thread), claimTime), claimTime }
  }

  const summaryOf = (thread: MessageThread): ParentThreadSummary => ({
    id: thread.id,
    kind: thread.kind,
    caseId: thread.caseId,
    topic: thread.topic,
    status: thread.status,
    dueBy: thread.dueBy,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    unread: hasUnreadReply(thread),
  })

  const refuse = (issues: FieldIssue[]) => {
    throw new MessageValidationError(issues)
  }

  return {
    /** The message key for a body the domain would refuse, or null: lets a form show every problem at once. */
    checkBody(raw: unknown): Promise<string | null> {
      const body = checkMessageBody(raw)
      return Promise.resolve(body.ok ? null : body.issue.messageKey)
    },

    /** Starts a thread; throws MessageValidationError (nothing stored) for input the domain refuses. */
    async startThread(input: NewMessageInput): Promise<MessageThread> {
      const issues: FieldIssue[] = []
      if (!isMessageTopic(input.topic)) issues.push({ field: 'topic', messageKey: messageErrorKeys.topicUnknown })
      const body = checkMessageBody(input.body)
      if (!body.ok) issues.push(body.issue)
      if (input.caseId !== null && !(await repository.participantIsPartyTo(input.participantId, input.caseId)))
        issues.push({ field: 'caseId', messageKey: messageErrorKeys.caseRequired })
      if (issues.length || !body.ok || !isMessageTopic(input.topic)) return refuse(issues)
      const language: CallbackLanguage = (callbackLanguages as readonly string[]).includes(input.language) ? (input.language as CallbackLanguage) : 'en'
      const now = clock.now()
      return repository.insertThread({
        participantId: input.participantId,
        caseId: input.caseId,
        kind: 'message',
        topic: input.topic,
        language,
        body: body.body,
        documents: input.documents,
        dueBy: serviceLevel.latestDueBy(now),
        createdAt: now,
      })
    },

    /**
     * Files in answer to a document the agency asked this parent for: a thread of kind 'document' about the request's
     * case. Throws DocumentAnswerRefused when the request is not the parent's or already has an answer that stands
     * (checked first, and held by the database's unique answer key against a race), MessageValidationError for a bad
     * note or no file; nothing is stored either way.
     */
    async answerDocumentRequest(input: DocumentAnswerInput): Promise<MessageThread> {
      const [request] = await documentRequests.requestsForParent(input.participantId, input.eventId)
      if (!request) throw new DocumentAnswerRefused('not_found')
      if (await documentRequests.hasStandingAnswer(input.eventId)) throw new DocumentAnswerRefused('already_answered')
      const issues: FieldIssue[] = []
      if (input.documents.length === 0) issues.push({ field: 'documents', messageKey: documentErrorKeys.required })
      const noteText = typeof input.note === 'string' ? input.note : ''
      const note = noteText.trim() === '' ? { ok: true as const, body: '' } : checkMessageBody(noteText)
      if (!note.ok) issues.push({ field: 'note', messageKey: note.issue.messageKey })
      if (issues.length || !note.ok) return refuse(issues)
      const language: CallbackLanguage = (callbackLanguages as readonly string[]).includes(input.language) ? (input.language as CallbackLanguage) : 'en'
      const now = clock.now()
      return repository
        .insertThread({
          participantId: input.participantId,
          caseId: request.caseId,
          kind: 'document',
          topic: 'documents',
          language,
          body: note.body,
          documents: input.documents,
          answersEventId: input.eventId,
          dueBy: serviceLevel.latestDueBy(now),
          createdAt: now,
        })
        .catch((error: unknown) => {
          if (isSecondAnswer(error)) throw new DocumentAnswerRefused('already_answered')
          throw error
        })
    },

    /**
     * A reported change becomes a thread of kind 'change' with its fields on the first post; throws
     * MessageValidationError (nothing stored) with every problem at once.
     */
    async reportChange(input: ChangeReportInput): Promise<MessageThread> {
      if (!isChangeKind(input.change)) return refuse([{ field: 'change', messageKey: messageErrorKeys.topicUnknown }])
      const now = clock.now()
      const checked = checkChangeFields(input.change, input.fields, agencyToday(clock))
      const issues: FieldIssue[] = checked.ok ? [] : [...checked.issues]
      if (input.caseId === null || !(await repository.participantIsPartyTo(input.participantId, input.caseId)))
        issues.unshift({ field: 'caseId', messageKey: messageErrorKeys.changeCaseRequired })
      const noteText = typeof input.note === 'string' ? input.note : ''
      const note = noteText.trim() === '' ? { ok: true as const, body: '' } : checkMessageBody(noteText)
      if (!note.ok) issues.push({ field: 'note', messageKey: note.issue.messageKey })
      if (issues.length || !checked.ok || !note.ok || input.caseId === null) return refuse(issues)
      const language: CallbackLanguage = (callbackLanguages as readonly string[]).includes(input.language) ? (input.language as CallbackLanguage) : 'en'
      return repository.insertThread({
        participantId: input.participantId,
        caseId: input.caseId,
        kind: 'change',
        topic: changeTopics[input.change],
        language,
        body: note.body,
        fields: checked.fields,
        dueBy: serviceLevel.latestDueBy(now),
        createdAt: now,
      })
    },

    /** The parent writes again on their own thread; undefined when it is not theirs (or does not exist). */
    async replyAsParent(participantId: number, threadId: number, rawBody: unknown, documents: readonly CheckedUpload[] = []): Promise<MessageThread | undefined> {
      if (!(await repository.findForParticipant(threadId, participantId))) return undefined
      const body = checkMessageBody(rawBody)
      if (!body.ok) return refuse([body.issue])
      const now = clock.now()
      return repository.addParentPost({ id: threadId, participantId, body: body.body, documents, now, dueByIfReopened: serviceLevel.latestDueBy(now) })
    },

    /** The parent's own thread with its posts, marked read; the read goes into the case's audit trail. */
    async threadForParent(participantId: number, threadId: number): Promise<ThreadWithPosts | undefined> {
      const thread = await repository.findForParticipant(threadId, participantId)
      if (!thread) return undefined
      const posts = await repository.postsFor(threadId)
      // Written only when a reply was unread: a page shown again (a refused reply) changes nothing.
      if (hasUnreadReply(thread)) await repository.markRead(threadId, participantId, clock.now())
      if (thread.caseId !== null)
        await audit.recordCaseEvents([
          { actor: { kind: 'parent', id: participantId }, caseId: thread.caseId, channel: 'web', action: 'message.thread.read', details: { threadId } },
        ])
      return { thread, posts }
    },

    async listForParent(participantId: number): Promise<ParentThreadSummary[]> {
      return (await repository.listForParticipant(participantId)).map(summaryOf)
    },

    /** How many threads hold a reply the parent has not opened: the dashboard shows it, the phone line says it. */
    unreadReplies(participantId: number): Promise<number> {
      return repository.unreadCount(participantId)
    },

    /**
     * A thread for a representative, with its posts and its place in the queue. Every staff read is in the audit
     * trail: the case's, or for a thread about no case, the parent's.
     */
    async threadForStaff(staffId: number, threadId: number): Promise<StaffThread | undefined> {
      const thread = await repository.findById(threadId)
      if (!thread) return undefined
      const posts = await repository.postsFor(threadId)
      const actor = { kind: 'staff' as const, id: staffId }
      if (thread.caseId !== null)
        await audit.recordCaseEvents([{ actor, caseId: thread.caseId, channel: 'console', action: 'message.thread.read', details: { threadId } }])
      else
        await audit.recordParticipantEvents([
          { actor, participantId: thread.participantId, channel: 'console', action: 'message.thread.read', details: { threadId } },
        ])
      return { ...entryOf(thread, clock.now()), posts }
    },

    /** Threads waiting on the agency, due first, each with its time left. */
    async listQueue(
      query: { kinds?: readonly ThreadKind[]; languages?: readonly CallbackLanguage[]; topic?: CallbackTopic; now?: Date; limit?: number } = {},
    ): Promise<MessageQueueEntry[]> {
      const now = query.now ?? clock.now()
      const threads = await repository.listWaiting({
        kinds: query.kinds,
        languages: query.languages,
        topic: query.topic,
        limit: Math.max(1, Math.min(Math.floor(query.limit ?? queueLimit), maxQueueRows)),
      })
      return threads.map((thread) => entryOf(thread, now))
    },

    /** How many threads wait under the filters. */
    countQueue(query: { kinds?: readonly ThreadKind[]; languages?: readonly CallbackLanguage[]; topic?: CallbackTopic } = {}): Promise<number> {
      return repository.countWaiting(query)
    },

    /**
     * Exactly one of any number of simultaneous claims succeeds (one conditional UPDATE); claiming one's own claim
     * again is a no-op. An open thread, or one whose claim has lapsed, can be taken.
     */
    async claim(threadId: number, staffId: number): Promise<ThreadQueueResult> {
      const now = clock.now()
      const claimed = await repository.claim(threadId, staffId, now, staleClaimsBefore(now, deps.claimMinutes))
      if (claimed) return { ok: true, thread: claimed }
      const current = await repository.findById(threadId)
      if (current && holdsClaim({ staffId }, current)) return { ok: true, thread: current }
      return refusedThread(threadRefusalFor('claim', current))
    },

    /** The claimable thread due first in one of the languages given (those the representative speaks). */
    async claimNext(
      staffId: number,
      filters: { kinds?: readonly ThreadKind[]; languages: readonly CallbackLanguage[]; topic?: CallbackTopic },
    ): Promise<ThreadQueueResult> {
      if (filters.languages.length === 0) return refusedThread('nothing_to_claim')
      const now = clock.now()
      const claimed = await repository.claimNext(staffId, filters, now, staleClaimsBefore(now, deps.claimMinutes))
      return claimed ? { ok: true, thread: claimed } : refusedThread('nothing_to_claim')
    },

    async release(threadId: number, staffId: number): Promise<ThreadQueueResult> {
      const released = await repository.release(threadId, staffId, clock.now())
      if (released) return { ok: true, thread: released }
      return refusedThread(threadRefusalFor('release', await repository.findById(threadId)))
    },

    /** A reply by the representative holding the claim; it closes the thread or keeps it open (and back in the queue). */
    async replyAsStaff(args: { threadId: number; staffId: number; body: unknown; close: boolean }): Promise<ReplyResult> {
      const body = checkMessageBody(args.body)
      if (!body.ok) return refuse([body.issue])
      const now = clock.now()
      // The parent hears that a reply is waiting (never what it says), raised with the reply in its transaction.
      const raiseReplyAlert = (trx: Transaction<Database>, thread: MessageThread, postId: number) =>
        raiseAlert(trx, { participantId: thread.participantId, kind: 'caseworker_reply', eventKey: `caseworker_reply:post:${postId}`, details: {} }, deps.alertChannels ?? [], now).then(() => undefined)
      const replied = await repository.addStaffReply({ id: args.threadId, staffId: args.staffId, body: body.body, close: args.close, now }, raiseReplyAlert)
      if (replied) return { ok: true, thread: replied }
      return { ok: false, reason: (await repository.findById(args.threadId)) ? 'not_claimed_by_you' : 'not_found' }
    },

    /** Threads started in a period of agency dates (both included), overall and by language and topic. */
    async supervisorFigures(period: FigurePeriod, now: Date = clock.now()): Promise<SupervisorMessageFigures> {
      if (!isFigurePeriod(period)) throw new CallbackValidationError([{ field: 'period', messageKey: 'callbacks:errors.periodInvalid' }])
      const { from, to } = periodBounds(period, deps.calendar)
      const rows = await repository.figureRows(from, to)
      return supervisorMessageFigures(rows, { period, now, serviceLevel, calendar: deps.calendar })
    },

    listForCase(caseId: number): Promise<MessageThread[]> {
      return repository.listForCase(caseId)
    },
  }
}

export type MessageService = ReturnType<typeof createMessageService>
