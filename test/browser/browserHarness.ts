import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { FileSystemConfigLoader, HtmlValidate } from 'html-validate'
import { type Browser, type BrowserContext, chromium, type Page, type Response } from 'playwright-core'

import { projectRoot } from '../../server/config'
import type { DemoPersona } from '../../server/demo/personas'
import { portalPaths } from '../../server/portal/paths'
import { type FakeTwilioApi, startFakeTwilioApi } from '../helpers/fakeTwilioApi'
import { type SmtpTestServer, startSmtpTestServer } from '../helpers/smtpTestServer'
import { createPortalTestApp, type PortalTestApp } from '../portal/portalTestApp'

// The real app on a random port over a demo-data database, and Debian's Chromium driven by playwright-core (no
// browser is ever downloaded). Every page is checked two ways: axe-core in the browser (WCAG 2.2 AA) and
// html-validate on the HTML the server sent.

export const chromiumPath = '/usr/bin/chromium'

const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/** Fails, loudly, when the browser is missing: a silently skipped accessibility suite would pass for the wrong reason. */
export function requireChromium(): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `The browser suite needs Debian's Chromium at ${chromiumPath}, and it is not there. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this), then run the tests again.',
    )
  }
}

export interface BrowserHarness {
  testApp: PortalTestApp
  /** Texts and emails the app sent (alert confirmation codes and links), as local fakes received them. */
  twilioApi: FakeTwilioApi
  smtp: SmtpTestServer
  baseUrl: string
  browser: Browser
  close(): Promise<void>
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  requireChromium()
  // Alerts on, as an agency runs them, through local fakes of Twilio's Messages endpoint and of an SMTP relay.
  const twilioApi = await startFakeTwilioApi()
  const smtp = await startSmtpTestServer()
  // Start from the real time of day: the browser's own cookie expiry runs on it.
  const testApp = await createPortalTestApp({
    start: new Date().toISOString(),
    env: {
      TWILIO_ACCOUNT_SID: twilioApi.accountSid,
      TWILIO_AUTH_TOKEN: twilioApi.authToken,
      TWILIO_API_BASE_URL: twilioApi.baseUrl,
      TWILIO_MESSAGING_FROM: '+19165550199',
      SMTP_URL: smtp.url,
    },
  })
  const server = testApp.app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  // launch() gives every run a fresh, throwaway profile folder of its own.
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  return {
    testApp,
    twilioApi,
    smtp,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      testApp.services.alertAdapters.emails?.close()
      await testApp.close()
      await twilioApi.close()
      await smtp.close()
    },
  }
}

/** A context for checking pages: CSP is bypassed only so that axe-core can be injected. */
export function auditContext(harness: BrowserHarness): Promise<BrowserContext> {
  return harness.browser.newContext({ baseURL: harness.baseUrl, bypassCSP: true })
}

/** A context exactly as a parent's browser sees the site: CSP enforced, every violation a test failure. */
export async function parentContext(harness: BrowserHarness, cspViolations: string[]): Promise<BrowserContext> {
  const context = await harness.browser.newContext({ baseURL: harness.baseUrl })
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  // The neutral site of the quick exit, answered locally: the test must not depend on the internet.
  await context.route(/^https:\/\/www\.google\.com\//, (route) => route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>weather</title>' }))
  return context
}

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: unknown[] }>
}

/** axe-core's WCAG 2.2 AA violations on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') })
  const violations = (await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags } })
    return result.violations
  }, wcagTags)) as AxeViolation[]
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
}

const validator = new HtmlValidate(new FileSystemConfigLoader())

/** html-validate's errors for the HTML as the server sent it, with the project's .htmlvalidate.json. */
export async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html, path.join(projectRoot, 'page.html'))
  return report.results.flatMap((result) =>
    result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId} at ${m.line}:${m.column}: ${m.message}`),
  )
}

/** Presses Tab until the focused element matches the selector; fails if it never does. */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    await page.keyboard.press('Tab')
    const matches = await page.evaluate((wanted) => {
      const active = (globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null } }).document.activeElement
      return Boolean(active?.matches(wanted))
    }, selector)
    if (matches) return
  }
  throw new Error(`Tab never reached ${selector}`)
}

/** The id (or tag) of the element that has the focus now. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { id: string; tagName: string } | null } }).document.activeElement
    return active?.id || active?.tagName || ''
  })
}

/** Checks the page now shown, whose HTML came in `response`; returns one line per problem. */
export async function problemsOf(page: Page, response: Response | null, label: string): Promise<string[]> {
  if (!response) return [`${label}: no response`]
  const problems = [...(await htmlErrors(await response.text())), ...(await axeViolations(page))]
  return problems.map((problem) => `${label} ${page.url()}: ${problem}`)
}

/** Opens a path, expects its status, and checks the page. */
export async function visit(page: Page, path: string, label: string, status = 200): Promise<string[]> {
  const response = await page.goto(path)
  if (response?.status() !== status) return [`${label} ${path}: HTTP ${response?.status()}, expected ${status}`]
  return problemsOf(page, response, label)
}

/** Submits the page's first main form as it stands (novalidate: the server does all the checking) and checks the answer. */
export async function submitMainForm(page: Page, label: string, status: number, button = 'main form button[type="submit"]'): Promise<string[]> {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator(button).first().click()])
  if (response?.status() !== status) return [`${label} ${page.url()}: HTTP ${response?.status()}, expected ${status}`]
  return problemsOf(page, response, label)
}

/** Signs a demo parent in through the sign-in form, in the given language, and waits for the dashboard. */
export async function signInAsParent(page: Page, who: DemoPersona, language: 'en' | 'es'): Promise<void> {
  await page.goto(`${portalPaths.signIn}?lng=${language}`)
  await page.fill('#username', who.web.username)
  await page.fill('#password', who.web.password)
  await Promise.all([page.waitForURL(`**${portalPaths.dashboard}`), page.locator('main form button[type="submit"]').click()])
}
