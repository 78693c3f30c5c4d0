import { safeDocumentName, sniffDocumentType } from '../../server/documents/documentType'

// A file is what its first bytes say: a PDF, a JPEG or a PNG, whatever its name.

const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'latin1')] : [v])))

describe('sniffDocumentType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['a JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'image/jpeg'],
    ['a JPEG (Exif, from a phone)', bytes(0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34, 'Exif'), 'image/jpeg'],
    ['a PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), 'image/png'],
  ])('knows %s', (_name, head, type) => {
    expect(sniffDocumentType(head)).toBe(type)
  })

  it.each([
    ['a Windows executable', bytes('MZ', 0x90, 0, 3, 0, 0, 0)],
    ['a Linux executable', bytes(0x7f, 'ELF', 2, 1, 1, 0)],
    ['a shell script', bytes('#!/bin/sh\n')],
    ['an HTML page', bytes('<html><script>')],
    ['a ZIP (or a Word file)', bytes('PK', 3, 4, 20, 0)],
    ['a GIF', bytes('GIF89a')],
    ['an SVG', bytes('<svg xmlns')],
    ['"PDF" without its percent sign', bytes('PDF-1.7')],
    ['a PNG signature cut short', bytes(0x89, 'PNG', 0x0d, 0x0a)],
    ['two JPEG bytes alone', bytes(0xff, 0xd8)],
    ['nothing', bytes()],
    ['text that mentions %PDF- later', bytes(' %PDF-1.4')],
  ])('refuses %s', (_name, head) => {
    expect(sniffDocumentType(head)).toBeNull()
  })
})

describe('safeDocumentName', () => {
  it.each([
    ['pay stub.pdf', 'application/pdf', 'pay stub.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['C:\\Users\\me\\scan.JPEG', 'image/jpeg', 'scan.jpg'],
    ['photo.png', 'image/jpeg', 'photo.jpg'],
    ['evil"name<>.pdf', 'application/pdf', 'evilname.pdf'],
    ['', 'image/png', 'document.png'],
    ['.pdf', 'application/pdf', 'document.pdf'],
  ] as const)('%s as %s → %s', (sent, type, expected) => {
    expect(safeDocumentName(sent, type)).toBe(expected)
  })

  it('keeps at most 100 characters of a long name, and the extension its content has', () => {
    expect(safeDocumentName(`${'a'.repeat(300)}.pdf`, 'application/pdf')).toBe(`${'a'.repeat(100)}.pdf`)
  })
})
