import fs from 'node:fs'
import path from 'node:path'

import * as fontkit from 'fontkit'
import type { TFunction } from 'i18next'
import PDFDocument from 'pdfkit'

import type { PostalAddress } from '../../agency/agencyDirectory'
import { projectRoot } from '../../config'
import type { Language } from '../../i18n'
import type { MonthlyStatement } from '../../statements/monthlyStatement'
import { formatMoney, intlFormats } from '../../templates'

// A month's statement as a tagged PDF (PDF/UA): every line of text sits in the structure tree as a heading, a
// paragraph or a table cell (header cells scoped), the document language and title are set, and what is only drawn
// (rules, the coupon's cut line) is marked as an artifact. PDF/UA wants every font embedded, and pdfkit's built-in
// standard fonts are not, so the text is set in Public Sans from the USWDS package the site already uses (TTF, which
// pdfkit's font engine reads; it embeds only the glyphs used). The fonts are parsed once per process: parsing them for
// every statement was a third of its CPU time.

export interface StatementPdfInput {
  statement: MonthlyStatement
  t: TFunction
  language: Language
  agencyName: string
  mailTo: { payableTo: string; address: PostalAddress }
}

const fontFolder = path.join(projectRoot, 'node_modules', '@uswds', 'uswds', 'dist', 'fonts', 'public-sans')
let fonts: { regular: fontkit.Font; bold: fontkit.Font } | null = null

function parsedFont(file: string): fontkit.Font {
  const font = fontkit.create(fs.readFileSync(path.join(fontFolder, file)))
  if (!('layout' in font)) throw new Error(`${file} is a font collection, not one font`)
  return font
}

/** Read and parsed once per process: a statement then costs only its layout and its font subsets. */
function publicSans() {
  fonts ??= { regular: parsedFont('PublicSans-Regular.ttf'), bold: parsedFont('PublicSans-Bold.ttf') }
  return fonts
}

const intlLocale = (language: Language) => (language === 'es' ? 'es-US' : 'en-US')
const margin = 54
const ink = '#1b1b1b'
const rule = '#a9aeb1'

type Cell = { text: string; type?: 'TH' | 'TD'; scope?: 'column' | 'row'; align?: { x: 'left' | 'right' } }

export function renderStatementPdf(input: StatementPdfInput): Promise<Buffer> {
  const { statement: s, t, language } = input
  const locale = intlLocale(language)
  const money = (cents: number) => formatMoney(language, cents)
  const date = (iso: string) => intlFormats.calendarDate(locale).format(new Date(`${iso}T12:00:00Z`))
  const monthName = intlFormats.monthYear(locale).format(new Date(`${s.month}-15T12:00:00Z`))
  const title = t('statements:pdf.title', { month: monthName, number: s.caseNumber })

  const doc = new PDFDocument({
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA',
    lang: locale,
    displayTitle: true,
    size: 'LETTER',
    margin,
    // No default font: pdfkit would otherwise load Helvetica, which is never embedded.
    font: null,
    info: { Title: title, Author: input.agencyName, Subject: t('statements:pdf.subject'), CreationDate: new Date(`${s.issuedOn}T12:00:00Z`) },
  } as unknown as PDFKit.PDFDocumentOptions)
  const { regular, bold } = publicSans()
  // pdfkit takes a parsed fontkit font (since 0.20); its types still say a path or a buffer.
  doc.registerFont('body', regular as unknown as Buffer)
  doc.registerFont('bold', bold as unknown as Buffer)
  doc.font('body')

  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const root = doc.struct('Document')
  doc.addStructure(root)
  const width = doc.page.width - 2 * margin

  const heading = (text: string, level: 'H1' | 'H2', size: number) => {
    doc.moveDown(level === 'H1' ? 0 : 0.8)
    doc.font('bold').fontSize(size).fillColor(ink).text(text, margin, doc.y, { structParent: root, structType: level, width })
    doc.moveDown(0.3)
  }
  const paragraph = (text: string, options: { bold?: boolean; size?: number } = {}) => {
    doc.font(options.bold ? 'bold' : 'body').fontSize(options.size ?? 10.5).fillColor(ink)
    doc.text(text, margin, doc.y, { structParent: root, structType: 'P', width })
    doc.moveDown(0.25)
  }
  /** A table with a header row; each body row's first cell is its row header. Amount columns align right. */
  const table = (header: string[], rows: string[][], columnWidths: number[], amountColumns: number[], footer?: string[]) => {
    const cell = (text: string, column: number, type: 'TH' | 'TD', scope?: 'column' | 'row'): Cell => ({
      text,
      type,
      ...(scope && { scope }),
      ...(amountColumns.includes(column) && { align: { x: 'right' as const } }),
    })
    const data = [
      header.map((text, column) => cell(text, column, 'TH', 'column')),
      ...rows.map((row) => row.map((text, column) => (column === 0 ? cell(text, column, 'TH', 'row') : cell(text, column, 'TD')))),
      ...(footer ? [footer.map((text, column) => (column === 0 ? cell(text, column, 'TH', 'row') : cell(text, column, 'TD')))] : []),
    ]
    doc.font('body').fontSize(10).fillColor(ink)
    doc.table({
      structParent: root,
      position: { x: margin, y: doc.y },
      columnStyles: columnWidths,
      rowStyles: (row: number) => (row === 0 || (footer && row === data.length - 1) ? { font: { src: 'bold' } } : {}),
      defaultStyle: { border: { top: 0, left: 0, right: 0, bottom: 0.5 }, borderColor: rule, padding: 4 },
      data,
    } as unknown as PDFKit.Mixins.TableOptionsWithData)
    doc.moveDown(0.5)
  }
  const keepTogether = (points: number) => {
    if (doc.y + points > doc.page.height - margin) doc.addPage()
  }

  // Heading and what the statement is about.
  heading(t('statements:pdf.heading', { month: monthName }), 'H1', 18)
  paragraph(input.agencyName)
  paragraph(t('statements:pdf.caseNumber', { number: s.caseNumber }), { bold: true })
  paragraph(t(`cases:role.${s.viewer}`))
  paragraph(t(s.monthComplete ? 'statements:pdf.period' : 'statements:pdf.periodToDate', { from: date(s.periodStart), to: date(s.periodEnd) }))
  paragraph(t('statements:pdf.issued', { date: date(s.issuedOn) }))

  // The balance by bucket at both edges of the month.
  const dayBefore = new Date(`${s.periodStart}T12:00:00Z`)
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1)
  const openingDate = dayBefore.toISOString().slice(0, 10)
  heading(t('statements:pdf.balanceHeading'), 'H2', 13)
  const buckets = ['currentDue', 'familyArrears', 'stateArrears', 'interest'] as const
  table(
    [t('portal:case.whatFor'), t('statements:pdf.onDate', { date: date(openingDate) }), t('statements:pdf.onDate', { date: date(s.periodEnd) })],
    buckets.map((bucket) => [t(`cases:balance.${bucket}`), money(s.opening[`${bucket}Cents`]), money(s.closing[`${bucket}Cents`])]),
    [width - 260, 130, 130],
    [1, 2],
    [t(`cases:balance.totalBy.${s.viewer}`), money(s.opening.totalOwedCents), money(s.closing.totalOwedCents)],
  )
  paragraph(t('portal:case.interestRate', { percent: s.interestRateBasisPoints / 100 }), { size: 9.5 })
  paragraph(t('portal:case.balanceNote'), { size: 9.5 })

  // Charged in the month: installments, interest, adjustments.
  heading(t('statements:pdf.chargesHeading'), 'H2', 13)
  const chargeRows = [
    ...s.charges.map((c) => ({ on: c.dueOn, what: t(`cases:orderKind.${c.orderKind}`), to: t(`cases:owedTo.${c.owedTo}`), cents: c.amountCents })),
    ...s.interest.map((i) => ({ on: i.accruedOn, what: t('statements:pdf.interestCharged'), to: t(`cases:owedTo.${i.owedTo}`), cents: i.cents })),
    ...s.adjustments.map((a) => ({ on: a.postedOn, what: t(`statements:pdf.adjustment.${a.reason}`), to: t(`cases:owedTo.${a.owedTo}`), cents: a.changeCents })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
  if (chargeRows.length === 0) paragraph(t('statements:pdf.noCharges'))
  else {
    table(
      [t('statements:pdf.date'), t('portal:case.whatFor'), t('statements:pdf.owedTo'), t('portal:case.amount')],
      chargeRows.map((r) => [date(r.on), r.what, r.to, money(r.cents)]),
      [140, width - 350, 100, 110],
      [3],
      [t('statements:pdf.total'), '', '', money(chargeRows.reduce((sum, r) => sum + r.cents, 0))],
    )
  }

  // Payments received in the month.
  heading(t('statements:pdf.paymentsHeading'), 'H2', 13)
  if (s.payments.length === 0) paragraph(t('statements:pdf.noPayments'))
  else {
    table(
      [t('statements:pdf.date'), t('statements:pdf.paymentMethod'), t('portal:case.amount')],
      s.payments.map((p) => [date(p.postedOn), t(`cases:method.${p.method}`), money(p.amountCents)]),
      [140, width - 250, 110],
      [2],
      [t('statements:pdf.total'), '', money(s.totals.paymentsCents)],
    )
  }

  // Paid out to the family (the receiving parent's statement), and any annual service fee kept back.
  if (s.payouts) {
    heading(t('statements:pdf.payoutsHeading'), 'H2', 13)
    if (s.payouts.length === 0) paragraph(t('statements:pdf.noPayouts'))
    else {
      table(
        [t('statements:pdf.date'), t('statements:pdf.payoutMethod'), t('portal:case.amount')],
        s.payouts.map((p) => [date(p.postedOn), p.method ? t(`cases:method.${p.method}`) : '', money(p.amountCents)]),
        [140, width - 250, 110],
        [2],
        [t('statements:pdf.total'), '', money(s.totals.payoutsCents)],
      )
    }
    for (const fee of s.fees ?? []) paragraph(t('statements:pdf.feeWithheld', { date: date(fee.chargedOn), amount: money(fee.withheldCents) }))
  }

  // The paying parent's coupon, below a dashed cut line that is decoration only.
  if (s.coupon) {
    keepTogether(200)
    doc.moveDown(1)
    doc.markContent('Artifact', { type: 'Layout' })
    doc.save().moveTo(margin, doc.y).lineTo(margin + width, doc.y).dash(4, { space: 3 }).lineWidth(0.75).stroke(rule).undash().restore()
    doc.endMarkedContent()
    doc.moveDown(0.8)
    heading(t('statements:pdf.couponHeading'), 'H2', 13)
    paragraph(t('statements:pdf.couponIntro'), { size: 9.5 })
    paragraph(t('statements:pdf.couponCase', { number: s.coupon.caseNumber }), { bold: true })
    paragraph(t('statements:pdf.couponMonthly', { amount: money(s.coupon.monthlyOrderCents) }))
    paragraph(t('statements:pdf.couponOwed', { date: date(s.periodEnd), amount: money(s.coupon.totalOwedCents) }))
    paragraph(t('statements:pdf.couponEnclosed'))
    paragraph(t('statements:pdf.couponPayable', { payableTo: input.mailTo.payableTo }))
    const address = input.mailTo.address
    paragraph(
      [t('statements:pdf.couponMailTo'), input.mailTo.payableTo, ...address.lines, `${address.city}, ${address.state} ${address.postalCode}`].join('\n'),
    )
    paragraph(t('home:pay.cutoff'), { size: 9.5 })
  }

  doc.end()
  return done
}
