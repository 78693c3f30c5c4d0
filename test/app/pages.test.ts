import request from 'supertest'

import { createTestApp, type TestApp } from '../helpers/testApp'

describe('public pages and error pages in both languages', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())

  it('serves the home page in English by default, with a link to the same page in Spanish', async () => {
    const response = await request(testApp.app).get('/').expect(200)
    expect(response.text).toContain('<html lang="en">')
    expect(response.text).toContain('What we do not do')
    expect(response.text).toContain('Restraining orders.')
    expect(response.text).toContain('Monday to Friday, 8 a.m. to 4 p.m., Pacific time')
    // The number is a tap-to-call link, written with a non-breaking space and hyphen so it never wraps.
    expect(response.text).toMatch(/href="tel:\+18665550100">\(866\)\u00a0555\u20110100</)
    expect(response.text).toContain('href="/sign-in"')
    // Handlebars writes "=" in attributes as &#x3D;, which browsers read back as "=".
    expect(response.text).toMatch(/<a class="usa-link" href="\/\?lng(=|&#x3D;)es" lang="es" hreflang="es">Español<\/a>/)
  })

  it('serves Spanish with ?lng=es and remembers the choice in a cookie', async () => {
    const agent = request.agent(testApp.app)
    const first = await agent.get('/?lng=es').expect(200)
    expect(first.text).toContain('<html lang="es">')
    expect(first.text).toContain('Lo que no hacemos')
    expect(first.headers['set-cookie']?.[0]).toMatch(/^lng=es;.*HttpOnly/)
    const second = await agent.get('/').expect(200)
    expect(second.text).toContain('<html lang="es">')
  })

  it('follows the browser Accept-Language when nothing else was chosen', async () => {
    const response = await request(testApp.app).get('/').set('Accept-Language', 'es-MX,es;q=0.9').expect(200)
    expect(response.text).toContain('<html lang="es">')
  })

  it('ignores an unsupported ?lng and falls back to English', async () => {
    const response = await request(testApp.app).get('/?lng=fr').expect(200)
    expect(response.text).toContain('<html lang="en">')
  })

  it.each(['en', 'es'])('describes the service to search engines in %s (a meta description from the locale)', async (language) => {
    const response = await request(testApp.app).get(`/?lng=${language}`).expect(200)
    const description = /<meta name="description" content="([^"]+)">/.exec(response.text)?.[1]
    expect(description).toBeDefined()
    expect(description!.length).toBeGreaterThan(50)
    expect(description).toContain(language === 'es' ? 'manutención' : 'child support')
  })

  it.each([
    ['en', 'Page not found'],
    ['es', 'No se encontró la página'],
  ])('answers an unknown route with the 404 page in %s', async (language, heading) => {
    const response = await request(testApp.app).get(`/no-such-page?lng=${language}`).expect(404)
    expect(response.text).toContain(`<h1>${heading}</h1>`)
    expect(response.text).toContain(`<html lang="${language}">`)
  })

  it('refuses a form post without a CSRF token with the expired-form page, in the user language', async () => {
    const response = await request(testApp.app).post('/?lng=es').type('form').send({ anything: '1' }).expect(403)
    expect(response.text).toContain('Este formulario venció')
    expect(response.text).toContain('<a class="usa-link" href="/">Ir a la página principal</a>')
  })
})
