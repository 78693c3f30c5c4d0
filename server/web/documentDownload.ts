import type { NextFunction, Response } from 'express'

import type { SentDocument } from '../documents/documentRecord'
import { NotFoundError } from '../errors'

// A sent document as the portal and the console both serve it: always a download (Content-Disposition: attachment,
// under the safe name whose extension matches its content), its checked type, nosniff, and never kept in a cache. A
// browser is never asked to show a parent's upload inside one of our pages.
export function sendDocument(res: Response, next: NextFunction, opened: { document: SentDocument; path: string }): void {
  res.download(
    opened.path,
    opened.document.name,
    {
      headers: {
        'Content-Type': opened.document.type,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
      dotfiles: 'deny',
    },
    (error?: Error) => {
      // The row is there but the file is not (removed by hand, a volume not mounted): not found, never a stack.
      if (error && !res.headersSent) next(new NotFoundError())
    },
  )
}
