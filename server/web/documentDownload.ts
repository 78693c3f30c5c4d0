import path from 'node:path'

import type { NextFunction, Response } from 'express'

import type { SentDocument } from '../documents/documentRecord'
import { NotFoundError } from '../errors'

// A sent document as the portal and the console both serve it: always a download (Content-Disposition: attachment,
// under the safe name whose extension matches its content), its checked type, nosniff, and never kept in a cache. A
// browser is never asked to show a parent's upload inside one of our pages.
export function sendDocument(res: Response, next: NextFunction, opened: { document: SentDocument; path: string }): void {
  // sendFile takes only an absolute path; the documents folder may be configured relative to the project.
  res.sendFile(
    path.resolve(opened.path),
    {
      headers: {
        'Content-Disposition': attachmentNamed(opened.document.name),
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

/**
 * Content-Disposition for a download under the name the parent gave it. The exact name goes in filename* (RFC 8187,
 * UTF-8), which every browser in use reads; the plain filename is for the rest and is kept to ASCII, accents
 * dropped ('declaracion.pdf'). Express's own header puts Latin-1 bytes there, and Chromium, meeting bytes it cannot
 * read as UTF-8, cut 'declaración de ingresos.pdf' down to '_de ingresos.pdf'.
 */
export function attachmentNamed(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_')
  if (ascii === name) return `attachment; filename="${ascii}"`
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`
}
