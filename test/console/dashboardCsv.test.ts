import type { TFunction } from 'i18next'

import { createBusinessCalendar } from '../../server/callbacks/businessCalendar'
import { supervisorCallbackFigures } from '../../server/callbacks/supervisorFigures'
import { createServiceLevel } from '../../server/callbacks/serviceLevel'
import { supervisorCallFigures } from '../../server/calls/callFigures'
import { supervisorMessageFigures } from '../../server/messages/messageFigures'
import { csvNumber, dashboardCsv } from '../../server/console/dashboard/dashboardCsv'

const calendar = createBusinessCalendar()
const period = { from: '2026-01-05', to: '2026-01-09' }
const empty = {
  calls: supervisorCallFigures([], { period, calendar }),
  callbacks: supervisorCallbackFigures([], { period, now: new Date('2026-01-12T20:00:00Z'), calendar }),
  messages: supervisorMessageFigures([], { period, now: new Date('2026-01-12T20:00:00Z'), serviceLevel: createServiceLevel(calendar), calendar }),
}

describe('the dashboard CSV', () => {
  it('cannot carry a formula into a spreadsheet, even from a translated word', () => {
    const hostile = ((key: string) => (key === 'supervisor:categories.all' ? '=HYPERLINK("http://x","y")' : key.split('.').pop())) as unknown as TFunction
    const csv = dashboardCsv(empty, hostile)
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csv).not.toMatch(/(^|,)=/m)
  })

  it('writes numbers plainly: no grouping, a dot for decimals, at most four places, nothing for no figure', () => {
    expect(csvNumber(12345)).toBe('12345')
    expect(csvNumber(2 / 3)).toBe('0.6667')
    expect(csvNumber(null)).toBe('')
  })
})
