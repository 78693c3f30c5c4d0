// What a file is, judged by its first bytes and never by its name or the type the browser claimed: an executable
// renamed "pay-stub.pdf" starts with "MZ" or "\x7fELF", not "%PDF-", and is refused. Only the three kinds a parent
// needs to send a paper (a PDF, a photo, a scan) are taken.

export const documentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type DocumentType = (typeof documentTypes)[number]

/** The bytes a sniff needs: the longest signature below. */
export const sniffLength = 8

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte)

/**
 * The type of a file from its first bytes, or null when it is none of the three. PDF: "%PDF-" (ISO 32000 lets a
 * header sit within the first 1024 bytes, but every PDF writer a parent's phone or scanner uses puts it first).
 * JPEG: the SOI marker FF D8 followed by another marker (FF). PNG: its fixed eight-byte signature.
 */
export function sniffDocumentType(head: Uint8Array): DocumentType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(head, pngSignature)) return 'image/png'
  return null
}

/** The extension a download is named with: the content's, whatever the sent name said. */
export const extensionOf: Record<DocumentType, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' }

/**
 * A file name safe to show and to offer in a download: no folders, no control or quote characters, at most 100
 * characters, and the extension its content has. "../../etc/passwd" → "passwd.pdf".
 */
export function safeDocumentName(sent: string, type: DocumentType): string {
  const base = (sent.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?;]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 100)
  return `${base || 'document'}${extensionOf[type]}`
}
