import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import request from 'supertest'

import { fixedClock } from '../../server/clock'
import { portalPaths } from '../../server/portal/paths'
import { callIn } from '../ivr/helpers/callSteps'
import { createPhoneTestApp } from '../ivr/helpers/phoneTestApp'
import { createPortalTestApp, escaped, languages, type PortalTestApp } from './portalTestApp'

// The agency's offices, hours and fees on the public pages come from the agency directory (AGENCY_PROFILE), the one
// the phone line reads, not from words written into the locale files (issue 12, item 13): a county that names its own
// office sees it on the contact page, in the phone hours on the home page, and hears the same address on the phone.

const office = {
  id: 'placerville',
  name: { en: 'Placerville office', es: 'Oficina de Placerville' },
  address: { lines: ['3883 Ponderosa Road', 'Building B'], city: 'Shingle Springs', state: 'CA', postalCode: '95682' },
  hours: { weekdays: [1, 2, 3, 4], opens: '07:30', closes: '17:00', closedFrom: '12:00', closedUntil: '12:30' },
  access: ['stepFree', 'interpreters'],
}
const profile = {
  offices: [office],
  phoneHours: { weekdays: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00' },
  payments: { moneyGram: { receiveCode: '77001', feeCents: 250 }, stateDisbursementUnit: { cardFeePercent: 2.2 } },
}

const written = {
  en: {
    phoneHours: 'People answer Monday to Friday, 9 a.m. to 5 p.m., Pacific time.',
    officeHours: 'Open Monday, Tuesday, Wednesday, and Thursday, 7:30 a.m. to 5 p.m.; closed from noon to 12:30 p.m.',
    access: ['Step-free entrance', 'Interpreters on request at no cost'],
    moneyGram: 'MoneyGram, receive code 77001 ($2.50 fee).',
    card: '(cards: 2.2% fee)',
  },
  es: {
    phoneHours: 'Nuestro personal atiende de lunes a viernes, de 9:00 a.m. a 5:00 p.m., hora del Pacífico.',
    officeHours: 'Abierta lunes, martes, miércoles y jueves, de 7:30 a.m. a 5:00 p.m.; cierra de 12:00 p.m. a 12:30 p.m.',
    access: ['Entrada sin escalones', 'Intérpretes sin costo si los pide'],
    moneyGram: 'MoneyGram, código de recepción 77001 (cargo de $2.50).',
    card: '(tarjetas: cargo de 2.2%)',
  },
}

let profilePath: string
let testApp: PortalTestApp
beforeAll(async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'agency-profile-'))
  profilePath = path.join(folder, 'agency.json')
  fs.writeFileSync(profilePath, JSON.stringify(profile))
  testApp = await createPortalTestApp({ env: { AGENCY_PROFILE: profilePath } })
})
afterAll(() => testApp.close())

describe.each(languages)('the agency facts the pages show, in %s', (language) => {
  it('the contact page lists the directory\'s offices with their address, hours and access, and the phone hours', async () => {
    const html = (await request(testApp.app).get(`${portalPaths.officeHours}?lng=${language}`).expect(200)).text
    expect(html).toContain(`<h3>${escaped(office.name[language])}</h3>`)
    expect(html).toMatch(/3883 Ponderosa Road<br>\s*Building B<br>\s*Shingle Springs, CA 95682\s*<\/address>/)
    expect(html).toContain(`<p>${escaped(written[language].officeHours)}</p>`)
    for (const feature of written[language].access) expect(html).toContain(`<li>${escaped(feature)}</li>`)
    expect(html).toContain(escaped(written[language].phoneHours))
    // Nothing of the default county is left on the page.
    expect(html).not.toContain('Research Park')
    expect(html).not.toContain('Elk Grove')
  })

  it('the home page gives the phone hours and each fee and code from the directory', async () => {
    const html = (await request(testApp.app).get(`${portalPaths.home}?lng=${language}`).expect(200)).text
    expect(html).toContain(escaped(written[language].phoneHours))
    expect(html).toContain(escaped(written[language].moneyGram))
    expect(html).toContain(escaped(written[language].card))
    expect(html).not.toContain('14630')
    expect(html).not.toContain('1.9%')
  })
})

it('the phone line reads the same office the contact page shows', async () => {
  const phone = await createPhoneTestApp({ clock: fixedClock('2026-03-11T19:00:00Z'), env: { AGENCY_PROFILE: profilePath } })
  try {
    const call = await callIn(phone, 'en')
    await call.press('*#')
    await call.press('1')
    expect(call.text).toContain('Placerville office: 3883 Ponderosa Road, Building B, Shingle Springs, California.')
    expect(call.text).not.toContain('Research Park')
  } finally {
    await phone.close()
  }
})
