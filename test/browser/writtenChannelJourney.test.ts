import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import type { Page } from 'playwright-core'

import { projectRoot } from '../../server/config'
import { consolePaths } from '../../server/console/paths'
import { portalPaths } from '../../server/portal/paths'
import { bilingualRep } from '../console/consoleTestApp'
import { type Language, participantIdOf, persona, servicesOf, text } from '../portal/portalTestApp'
import { type BrowserHarness, auditContext, problemsOf, signInAsParent, startBrowserHarness } from './browserHarness'

// Issue 13's "done when", walked in a real browser as its people would: a parent on a 390-px phone sends a message
// with a document; a representative at a desktop finds it in the same queue as a callback, claims it, accepts the
// document and replies in the parent's language; the parent reads the reply, sees the document accepted, and
// downloads the month's statement, whose text is read back out of the PDF. Each step is saved as a screenshot under
// reports/journeys/ (an artifact to look at) and checked with axe and html-validate on the way.

jest.setTimeout(300_000)

const shotsFolder = path.join(projectRoot, 'reports', 'journeys', 'written-channel')
const phone = { width: 390, height: 844 }
const desktop = { width: 1280, height: 900 }

/** A small, valid one-page PDF, as a scanner might make, under a name with accents. */
const scannedPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

const journeys: Array<{ language: Language; parent: string; fileName: string; body: string; reply: string }> = [
  {
    language: 'es',
    parent: 'spanish-speaker',
    fileName: 'declaración de ingresos.pdf',
    body: 'Adjunto mi declaración de ingresos y gastos. ¿Cambia algo en mi pago?',
    reply: 'Gracias, recibimos su declaración. Su pago mensual no cambia por ahora; le avisaremos si hay una audiencia.',
  },
  {
    language: 'en',
    parent: 'current-payer',
    fileName: 'pay stubs.pdf',
    body: 'Here are my last two pay stubs. Does this change what I pay?',
    reply: 'Thank you, we have your pay stubs. Your monthly payment stays the same for now.',
  },
]

describe('the written channel, end to end in a browser (issue 13, done when)', () => {
  let harness: BrowserHarness
  const problems: string[] = []

  beforeAll(async () => {
    harness = await startBrowserHarness()
    fs.rmSync(shotsFolder, { recursive: true, force: true })
    fs.mkdirSync(shotsFolder, { recursive: true })
    // A callback waiting too, so the message is seen in the same queue as a callback.
    const caller = persona('both-roles')
    const participantId = await participantIdOf(harness.testApp, caller)
    await servicesOf(harness.testApp).callbacks.requestCallback({
      principal: { kind: 'parent', participantId },
      participantId,
      phone: '+19165550151',
      language: 'en',
      topic: 'payments',
      preferredWindow: 'morning',
      channel: 'web',
    })
  })
  afterAll(() => harness?.close())

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(shotsFolder, `${name}.png`), fullPage: true })
  }

  async function submit(page: Page, button: ReturnType<Page['locator']>, label: string, status = 200): Promise<void> {
    const [response] = await Promise.all([page.waitForNavigation(), button.click()])
    if (response?.status() !== status) problems.push(`${label}: HTTP ${response?.status()}, expected ${status}`)
    problems.push(...(await problemsOf(page, response, label)))
  }

  it.each(journeys)('in $language: message with a document, claimed, accepted, answered, read; statement downloaded', async (journey) => {
    const { language } = journey
    const parent = persona(journey.parent)
    const parentPage = await (await harness.browser.newContext({ baseURL: harness.baseUrl, viewport: phone, bypassCSP: true, acceptDownloads: true })).newPage()

    // The parent writes, on a phone, about their first case, with the document attached.
    await signInAsParent(parentPage, parent, language)
    await parentPage.goto(portalPaths.newMessage)
    const caseOption = await parentPage.locator('#caseId option:not([value="none"])').first().getAttribute('value')
    await parentPage.selectOption('#caseId', caseOption!)
    await parentPage.locator('label[for="topic-documents"]').click()
    await parentPage.fill('#body', journey.body)
    await parentPage.setInputFiles('#documents', { name: journey.fileName, mimeType: 'application/pdf', buffer: scannedPdf })
    await shoot(parentPage, `${language}-1-parent-writes-390`)
    await submit(parentPage, parentPage.locator('main form button[type="submit"]'), `${language} message sent`)
    expect(await mainText(parentPage)).toContain(journey.fileName)
    expect(await mainText(parentPage)).toContain(text(language, 'documents:statuses.received'))
    await shoot(parentPage, `${language}-2-parent-thread-sent-390`)

    // The representative, at a desktop in the console, finds it in the one queue beside the waiting callback.
    const repPage = await (await auditContext(harness)).newPage()
    await repPage.setViewportSize(desktop)
    await repPage.goto(`${consolePaths.signIn}?lng=en`)
    await repPage.fill('#username', bilingualRep.username)
    await repPage.fill('#password', bilingualRep.password)
    await Promise.all([repPage.waitForURL(`**${consolePaths.queue}`), repPage.locator('main form button[type="submit"]').click()])
    const queue = await mainText(repPage)
    expect(queue).toContain(text('en', 'console:queue.kinds.message'))
    expect(queue).toContain(text('en', 'console:queue.kinds.callback'))
    await shoot(repPage, `${language}-3-rep-queue-1280`)
    const threadId = (await threadIdWith(harness, journey.body))!
    await Promise.all([repPage.waitForURL(`**/console/messages/${threadId}`), repPage.locator(`main a[href="/console/messages/${threadId}"]`).first().click()])
    await submit(repPage, repPage.locator(`form[action="/console/messages/${threadId}/claim"] button`), `${language} rep claims`)

    // Accepts the document (downloading it first, as a rep would look at it) and replies in the parent's language.
    const [download] = await Promise.all([repPage.waitForEvent('download'), repPage.locator(`main a:has-text("${journey.fileName}")`).first().click()])
    expect(download.suggestedFilename()).toBe(journey.fileName)
    expect(fs.readFileSync((await download.path())!)).toEqual(scannedPdf)
    await submit(repPage, repPage.locator('form input[name="decision"][value="accepted"] ~ button'), `${language} rep accepts`)
    expect(await mainText(repPage)).toContain(text('en', 'documents:statuses.accepted'))
    await repPage.fill('#body', journey.reply)
    await repPage.locator('label[for="close"]').click()
    await shoot(repPage, `${language}-4-rep-replies-1280`)
    await submit(repPage, repPage.getByRole('button', { name: text('en', 'console:message.send') }), `${language} rep sends the reply`)
    expect(new URL(repPage.url()).pathname).toBe(consolePaths.queue)

    // The parent sees the reply waiting, reads it, and sees the document accepted.
    await parentPage.goto(portalPaths.dashboard)
    expect(await mainText(parentPage)).toContain(text(language, 'messages:dashboard.unread', { count: 1 }))
    await shoot(parentPage, `${language}-5-parent-dashboard-unread-390`)
    // From the list of their messages, as a parent would get there.
    await parentPage.goto(portalPaths.messages)
    await Promise.all([parentPage.waitForURL(`**/account/messages/${threadId}`), parentPage.locator(`main a[href="/account/messages/${threadId}"]`).first().click()])
    expect(await mainText(parentPage)).toContain(journey.reply)
    expect(await mainText(parentPage)).toContain(text(language, 'documents:statuses.accepted'))
    await shoot(parentPage, `${language}-6-parent-reads-reply-390`)
    await parentPage.goto(portalPaths.dashboard)
    expect(await mainText(parentPage)).not.toContain(text(language, 'messages:dashboard.unread', { count: 1 }))

    // And downloads the latest month's statement from the case page; its words are read back out of the PDF.
    await parentPage.goto(`/account/cases/${caseOption}`)
    const month = await parentPage.locator('#month option').nth(0).getAttribute('value')
    await parentPage.selectOption('#month', month!)
    await shoot(parentPage, `${language}-7-parent-statement-picker-390`)
    const [statement] = await Promise.all([parentPage.waitForEvent('download'), parentPage.getByRole('button', { name: text(language, 'statements:picker.download') }).click()])
    const words = execFileSync('pdftotext', ['-layout', (await statement.path())!, '-'], { encoding: 'utf8' })
    expect(words).toContain(text(language, 'statements:pdf.balanceHeading'))

    expect(problems).toEqual([])
  })
})

const mainText = (page: Page) => page.locator('main').innerText()

async function threadIdWith(harness: BrowserHarness, body: string): Promise<number | undefined> {
  const post = await harness.testApp.database.db.selectFrom('message_posts').select('thread_id').where('body', '=', body).executeTakeFirst()
  return post?.thread_id
}
