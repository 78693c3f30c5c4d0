// Written messages between a parent and the agency: a parent starts a thread about one of their cases (or none),
// writes again, reads the replies; a representative claims a thread and replies. Every read of a thread about a case
// is recorded in that case's audit trail. Channels call this and nothing below it; what it returns carries enums
// and message keys, never sentences.
import type { Kysely } from 'kysely'

import { createAuditTrail } from '../audit/auditTrail'
import { type CallbackLanguage, callbackLanguages, type FieldIssue } from '../callbacks/callbackRequest'
import type { ServiceLevel } from '../callbacks/serviceLevel'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import { checkMessageBody, isMessageTopic, messageErrorKeys, MessageValidationError } from './messageInput'
import { hasUnreadReply, type MessagePost, type MessageThread } from './messageRecord'
import { createMessageRepository } from './messageRepository'
import { staleClaimsBefore } from '../queue/claimRule'

export interface NewMessageInput {
  participantId: number
  /** One of the parent's cases, or null for a question about no case in particular. */
  caseId: number | null
  topic: string
  body: unknown
  /** The language the parent wrote in, and in which the agency answers. */
  language: string
}

export interface ParentThreadSummary {
  id: number
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

export function createMessageService(deps: { db: Kysely<Database>; clock: Clock; serviceLevel: ServiceLevel; claimMinutes: number }) {
  const { clock, serviceLevel } = deps
  const repository = createMessageRepository(deps.db)
  const audit = createAuditTrail(deps.db, clock)

  const summaryOf = (thread: MessageThread): ParentThreadSummary => ({
    id: thread.id,
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
        dueBy: serviceLevel.latestDueBy(now),
        createdAt: now,
      })
    },

    /** The parent writes again on their own thread; undefined when it is not theirs (or does not exist). */
    async replyAsParent(participantId: number, threadId: number, rawBody: unknown): Promise<MessageThread | undefined> {
      if (!(await repository.findForParticipant(threadId, participantId))) return undefined
      const body = checkMessageBody(rawBody)
      if (!body.ok) return refuse([body.issue])
      const now = clock.now()
      return repository.addParentPost({ id: threadId, participantId, body: body.body, now, dueByIfReopened: serviceLevel.latestDueBy(now) })
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

    /** A thread for a representative, with its posts; the read is recorded in the case's audit trail. */
    async threadForStaff(staffId: number, threadId: number): Promise<ThreadWithPosts | undefined> {
      const thread = await repository.findById(threadId)
      if (!thread) return undefined
      const posts = await repository.postsFor(threadId)
      if (thread.caseId !== null)
        await audit.recordCaseEvents([
          { actor: { kind: 'staff', id: staffId }, caseId: thread.caseId, channel: 'console', action: 'message.thread.read', details: { threadId } },
        ])
      return { thread, posts }
    },

    async claim(threadId: number, staffId: number): Promise<MessageThread | undefined> {
      const now = clock.now()
      return repository.claim(threadId, staffId, now, staleClaimsBefore(now, deps.claimMinutes))
    },

    /** A reply by the representative holding the claim; it closes the thread or keeps it open. */
    async replyAsStaff(args: { threadId: number; staffId: number; body: unknown; close: boolean }): Promise<ReplyResult> {
      const body = checkMessageBody(args.body)
      if (!body.ok) return refuse([body.issue])
      const replied = await repository.addStaffReply({ id: args.threadId, staffId: args.staffId, body: body.body, close: args.close, now: clock.now() })
      if (replied) return { ok: true, thread: replied }
      return { ok: false, reason: (await repository.findById(args.threadId)) ? 'not_claimed_by_you' : 'not_found' }
    },

    listForCase(caseId: number): Promise<MessageThread[]> {
      return repository.listForCase(caseId)
    },
  }
}

export type MessageService = ReturnType<typeof createMessageService>
