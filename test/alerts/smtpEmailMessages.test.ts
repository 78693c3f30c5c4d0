import { DeliveryFailed } from '../../server/alerts/alertChannels'
import { createSmtpEmailMessages } from '../../server/email/smtpEmailMessages'
import { type SmtpTestServer, startSmtpTestServer } from '../helpers/smtpTestServer'
import { rejectionOf } from '../helpers/rejection'

// The email adapter talks SMTP, through nodemailer, to a real server run in-process.

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(() => smtp.close())
beforeEach(() => {
  smtp.accept()
  smtp.received.length = 0
})

const message = {
  to: 'parent@example.com',
  subject: 'Alguien trató de entrar a su cuenta',
  text: 'No se cambió nada.',
  language: 'es' as const,
  unsubscribeUrl: 'https://portal.example/account/details',
}

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, DeliveryFailed)

describe('the SMTP email adapter', () => {
  it('sends a plain-text email with the language and the unsubscribe link in its headers', async () => {
    const emails = createSmtpEmailMessages({ url: smtp.url, from: 'Child Support Services <alerts@childsupport.example.gov>' })
    const { providerId } = await emails.send(message)
    emails.close()
    expect(providerId).toMatch(/^<.+@.+>$/)
    const [received] = smtp.received
    expect(received!.envelopeTo).toEqual(['parent@example.com'])
    expect(received!.mail).toMatchObject({ subject: message.subject, text: 'No se cambió nada.\n', html: false })
    expect(received!.mail.from?.value).toEqual([{ name: 'Child Support Services', address: 'alerts@childsupport.example.gov' }])
    expect(received!.mail.headers.get('content-language')).toBe('es')
    expect(received!.mail.headers.get('list')).toMatchObject({ unsubscribe: { url: message.unsubscribeUrl } })
  })

  it('ends the alert when the relay refuses the address for good (5xx), and tries again on 4xx', async () => {
    const emails = createSmtpEmailMessages({ url: smtp.url, from: 'alerts@childsupport.example.gov' })
    smtp.refuse(550)
    const refused = await failureOf(emails.send(message))
    expect(refused).toMatchObject({ permanent: true, reason: 'smtp 550' })
    expect(refused.message).not.toContain('parent@example.com')
    smtp.refuse(451)
    expect(await failureOf(emails.send(message))).toMatchObject({ permanent: false, reason: 'smtp 451' })
    emails.close()
  })

  it('tries again later when the relay cannot be reached', async () => {
    const closed = await startSmtpTestServer()
    await closed.close()
    const emails = createSmtpEmailMessages({ url: closed.url, from: 'alerts@childsupport.example.gov' })
    expect(await failureOf(emails.send(message))).toMatchObject({ permanent: false })
    emails.close()
  })
})
