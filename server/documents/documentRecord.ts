// A sent document as the domain sees it, and the limits every channel holds uploads to.
import type { DocumentType } from './documentType'

/** At most 10 MB a file and 5 files a message: enough for a phone photo of every page of a form. */
export const maxDocumentBytes = 10 * 1024 * 1024
export const maxDocumentsPerMessage = 5
/** A decline's reason: a sentence or two the parent reads. */
export const maxDeclineReasonLength = 500

export const documentStatuses = ['received', 'accepted', 'declined'] as const
export type DocumentStatus = (typeof documentStatuses)[number]

/** Where a document the agency asked for stands, as the parent sees it. */
export type RequestStatus = 'requested' | DocumentStatus

export interface SentDocument {
  id: number
  threadId: number
  participantId: number
  caseId: number | null
  eventId: number | null
  storageName: string
  name: string
  type: DocumentType
  sizeBytes: number
  status: DocumentStatus
  declineReason: string | null
  reviewedBy: number | null
  reviewedAt: Date | null
  createdAt: Date
}

/** A file an upload wrote, as the channel hands it over: where it is, the name it was sent with, its size. */
export interface UploadedFile {
  path: string
  /** The storage name the upload gave it (a random UUID). */
  storageName: string
  originalName: string
  sizeBytes: number
}

/** An uploaded file judged acceptable: its content's type and a name safe to show. */
export interface CheckedUpload {
  storageName: string
  name: string
  type: DocumentType
  sizeBytes: number
}

export const documentErrorKeys = {
  notAllowedType: 'documents:errors.notAllowedType',
  tooLarge: 'documents:errors.tooLarge',
  tooMany: 'documents:errors.tooMany',
  empty: 'documents:errors.empty',
  required: 'documents:errors.required',
  alreadyAnswered: 'documents:errors.alreadyAnswered',
  requestNotFound: 'documents:errors.requestNotFound',
  decisionRequired: 'documents:errors.decisionRequired',
  reasonRequired: 'documents:errors.reasonRequired',
  reasonTooLong: 'documents:errors.reasonTooLong',
} as const
