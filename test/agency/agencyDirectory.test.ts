import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { buildAgencyDirectory, defaultAgencyDirectory, isWeekdaysOnly } from '../../server/agency/agencyDirectory'
import { ConfigError, loadConfig } from '../../server/config'

function profileFile(content: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'agency-profile-'))
  const file = path.join(folder, 'agency.json')
  fs.writeFileSync(file, content)
  return file
}

describe('the agency directory', () => {
  it("holds California's real payment destinations by default", () => {
    const { payments } = defaultAgencyDirectory
    expect(payments.stateDisbursementUnit.mailTo.address).toEqual({
      lines: ['P.O. Box 989067'],
      city: 'West Sacramento',
      state: 'CA',
      postalCode: '95798-9067',
    })
    expect(payments.stateDisbursementUnit.phone).toBe('+18669013212')
    expect(payments.stateDisbursementUnit.cardFeePercent).toBe(1.9)
    expect(payments.moneyGram).toMatchObject({ receiveCode: '14630', feeCents: 199 })
    expect(payments.payNearMe.stores).toEqual(['7-Eleven', 'Family Dollar', 'ACE Cash Express'])
    expect(payments.payPal).toMatchObject({ feePercent: 2.49, minimumFeeCents: 395 })
  })

  it('lays a profile over the defaults, field by field for the ways to pay', () => {
    const directory = buildAgencyDirectory({ payments: { moneyGram: { feeCents: 250 } }, phoneNumbers: { main: '+15305550100' } })
    expect(directory.payments.moneyGram).toMatchObject({ receiveCode: '14630', feeCents: 250 })
    expect(directory.phoneNumbers).toEqual({ main: '+15305550100', agentLine: defaultAgencyDirectory.phoneNumbers.agentLine })
    expect(directory.offices).toEqual(defaultAgencyDirectory.offices)
  })

  it('says whether hours are Monday to Friday exactly', () => {
    expect(isWeekdaysOnly(defaultAgencyDirectory.offices[0]!.hours)).toBe(true)
    expect(isWeekdaysOnly({ weekdays: [1, 2, 3, 4], opens: '08:00', closes: '16:00' })).toBe(false)
  })
})

describe('loadConfig and the agency directory', () => {
  it('gives the defaults without AGENCY_PROFILE, and the portal number follows the directory', () => {
    const config = loadConfig({})
    expect(config.agencyDirectory).toEqual(defaultAgencyDirectory)
    expect(config.agency.phoneNumber).toBe(defaultAgencyDirectory.phoneNumbers.main)
    expect(config.agency.agentLineNumber).toBe(defaultAgencyDirectory.phoneNumbers.agentLine)
  })

  it('reads offices and payment destinations from the AGENCY_PROFILE file', () => {
    const offices = [
      {
        id: 'placerville',
        name: { en: 'Placerville office', es: 'Oficina de Placerville' },
        address: { lines: ['3883 Ponderosa Road'], city: 'Shingle Springs', state: 'CA', postalCode: '95682' },
        hours: { weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00' },
        access: ['stepFree'],
      },
    ]
    const file = profileFile(JSON.stringify({ offices, payments: { stateDisbursementUnit: { cardFeePercent: 2.2 } } }))
    const config = loadConfig({ AGENCY_PROFILE: file })
    expect(config.agencyDirectory.offices).toEqual(offices)
    expect(config.agencyDirectory.payments.stateDisbursementUnit.cardFeePercent).toBe(2.2)
    expect(config.agencyDirectory.payments.stateDisbursementUnit.phone).toBe('+18669013212')
  })

  it('lets AGENCY_PHONE_NUMBER and AGENT_LINE_NUMBER win over the profile', () => {
    const file = profileFile(JSON.stringify({ phoneNumbers: { main: '+15305550111', agentLine: '+15305550112' } }))
    const config = loadConfig({ AGENCY_PROFILE: file, AGENCY_PHONE_NUMBER: '+15305550199' })
    expect(config.agencyDirectory.phoneNumbers).toEqual({ main: '+15305550199', agentLine: '+15305550112' })
    expect(config.agency.phoneNumber).toBe('+15305550199')
  })

  it.each([
    ['a file that is not JSON', '{ offices: ', /AGENCY_PROFILE: cannot read .* as JSON/],
    ['an unknown section', JSON.stringify({ fax: '+15305550100' }), /AGENCY_PROFILE/],
    ['a malformed number', JSON.stringify({ payments: { moneyGram: { phone: '800-926-9400' } } }), /payments.*phone|phone/],
    ['an office without hours', JSON.stringify({ offices: [{ id: 'x', name: { en: 'X', es: 'X' } }] }), /offices/],
  ])('refuses %s in one line', (_what, content, reason) => {
    const file = profileFile(content)
    expect(() => loadConfig({ AGENCY_PROFILE: file })).toThrow(ConfigError)
    expect(() => loadConfig({ AGENCY_PROFILE: file })).toThrow(reason)
  })

  it('refuses an AGENCY_PROFILE file that does not exist, and a malformed AGENCY_PHONE_NUMBER', () => {
    expect(() => loadConfig({ AGENCY_PROFILE: '/nonexistent/agency.json' })).toThrow(/AGENCY_PROFILE: cannot read/)
    expect(() => loadConfig({ AGENCY_PHONE_NUMBER: '555-0100' })).toThrow(ConfigError)
  })
})
