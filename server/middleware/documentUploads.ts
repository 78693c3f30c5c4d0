import type { NextFunction, Request, RequestHandler, Response } from 'express'
import multer from 'multer'

import { documentErrorKeys, type UploadedFile } from '../documents/documentRecord'
import type { DocumentService } from '../documents/documentService'
import { checkCsrfAfterUpload } from './setUpCsrf'

// The upload of a form that sends documents: multer streams each file straight to the documents folder under a random
// name, stopping at 10 MB a file and 5 files. What it wrote, or the limit it hit, is kept for the route's handler,
// which decides what to show; the form token is checked right after (setUpCsrf.ts), and every file is removed if it
// fails. A form sent without files (urlencoded) passes through untouched.

export interface UploadProblem {
  messageKey: string
  params?: Record<string, unknown>
  /** 413 for a file too large, 400 for too many. */
  status: 400 | 413
}

export interface UploadOutcome {
  files: UploadedFile[]
  problem: UploadProblem | null
}

const outcomes = new WeakMap<Request, UploadOutcome>()

/** What the upload of this request wrote, or the limit it hit; no files for a form sent without any. */
export function uploadOutcomeOf(req: Request): UploadOutcome {
  return outcomes.get(req) ?? { files: [], problem: null }
}

function filesOf(req: Request): UploadedFile[] {
  const files = (req.files ?? []) as Express.Multer.File[]
  return files.map((file) => ({ path: file.path, storageName: file.filename, originalName: file.originalname, sizeBytes: file.size }))
}

export function acceptDocuments(documents: DocumentService): RequestHandler[] {
  const { store, limits } = documents
  const upload = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, done) => {
        store.ensureDirectory().then(
          (directory) => {
            done(null, directory)
          },
          (error: Error) => {
            done(error, '')
          },
        )
      },
      filename: (_req, _file, done) => done(null, store.newStorageName()),
    }),
    // Browsers send a file's name as UTF-8 bytes without saying so (the HTML standard's form encoding); read as
    // Latin-1, multer's default, 'talón.pdf' would come out as 'talÃ³n.pdf' on the parent's and the rep's screens.
    defParamCharset: 'utf8',
    // Text fields stay small (a message is at most 4,000 characters); no more parts than a form has.
    limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 20, fieldSize: 64 * 1024, parts: 30 },
  }).array('documents', limits.maxFiles)

  const receive = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) return next()
    upload(req, res, (error: unknown) => {
      // On a limit multer has already removed every file it wrote for this request.
      if (error instanceof multer.MulterError) {
        // Any other limit (too many fields or parts) is a form no page of ours sends: it reads as too many files.
        const problem: UploadProblem =
          error.code === 'LIMIT_FILE_SIZE'
            ? { messageKey: documentErrorKeys.tooLarge, params: { max: limits.maxBytes / (1024 * 1024) }, status: 413 }
            : { messageKey: documentErrorKeys.tooMany, params: { max: limits.maxFiles }, status: 400 }
        outcomes.set(req, { files: [], problem })
        return next()
      }
      if (error) return next(error)
      outcomes.set(req, { files: filesOf(req), problem: null })
      next()
    })
  }
  const discard = async (req: Request) => {
    await store.discard(uploadOutcomeOf(req).files.map((f) => f.path))
  }
  return [receive, checkCsrfAfterUpload(discard)]
}
