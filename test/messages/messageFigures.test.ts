import { agencyCalendar } from '../../server/callbacks/businessCalendar'
import { createServiceLevel } from '../../server/callbacks/serviceLevel'
import { messageFigures, supervisorMessageFigures } from '../../server/messages/messageFigures'
import type { MessageFigureRow } from '../../server/messages/messageRepository'

// Messages are judged as callbacks are: a first answer within three business days on the agency calendar, against
// the same 80% line. Written the Wednesday before Thanksgiving 2026 (Thursday and Friday are state holidays), a
// message is due the next Wednesday at the same office time; written on a Saturday, three full days from Monday.

const serviceLevel = createServiceLevel(agencyCalendar)
const now = new Date('2027-01-04T20:00:00Z')
const row = (createdAt: string, firstAnsweredAt: string | null, overrides: Partial<MessageFigureRow> = {}): MessageFigureRow => ({
  language: 'en',
  topic: 'payments',
  status: firstAnsweredAt ? 'answered' : 'open',
  createdAt: new Date(createdAt),
  firstAnsweredAt: firstAnsweredAt ? new Date(firstAnsweredAt) : null,
  ...overrides,
})

// Wednesday 25 November 2026, 10:00 Pacific; due Wednesday 2 December, 10:00 Pacific (18:00Z).
const beforeThanksgiving = '2026-11-25T18:00:00Z'
// Saturday 5 December 2026; due Thursday 10 December at the close of the day (16:00 Pacific, 00:00Z on the 11th).
const saturday = '2026-12-05T20:00:00Z'

describe('message figures', () => {
  it('counts a first answer at the due time across the weekend and the holidays as in time, a minute later as late', () => {
    expect(messageFigures([row(beforeThanksgiving, '2026-12-02T18:00:00Z')], now, serviceLevel, agencyCalendar)).toMatchObject({
      judged: 1,
      answeredWithinDue: 1,
      shareAnsweredWithinDue: 1,
      meetsTarget: true,
    })
    expect(messageFigures([row(beforeThanksgiving, '2026-12-02T18:01:00Z')], now, serviceLevel, agencyCalendar)).toMatchObject({
      judged: 1,
      answeredWithinDue: 0,
      meetsTarget: false,
    })
  })

  it('gives a message written on a Saturday three full business days from Monday', () => {
    expect(serviceLevel.latestDueBy(new Date(saturday)).toISOString()).toBe('2026-12-10T00:00:00.000Z')
    expect(messageFigures([row(saturday, '2026-12-09T23:59:00Z')], now, serviceLevel, agencyCalendar).answeredWithinDue).toBe(1)
    expect(messageFigures([row(saturday, '2026-12-10T00:01:00Z')], now, serviceLevel, agencyCalendar).answeredWithinDue).toBe(0)
  })

  it('leaves an unanswered message out of the share until its due time passes, then counts it as missed', () => {
    const waiting = [row(beforeThanksgiving, null)]
    expect(messageFigures(waiting, new Date('2026-12-02T17:59:00Z'), serviceLevel, agencyCalendar)).toMatchObject({ notYetDue: 1, judged: 0, shareAnsweredWithinDue: null, meetsTarget: null })
    expect(messageFigures(waiting, new Date('2026-12-02T18:01:00Z'), serviceLevel, agencyCalendar)).toMatchObject({ notYetDue: 0, judged: 1, answeredWithinDue: 0, meetsTarget: false })
  })

  it('judges the first answer, even when the parent wrote again later and the thread waits once more', () => {
    const reopened = row(beforeThanksgiving, '2026-11-30T17:00:00Z', { status: 'open' })
    expect(messageFigures([reopened], now, serviceLevel, agencyCalendar)).toMatchObject({ judged: 1, answeredWithinDue: 1, answered: 1 })
  })

  it('holds the 80% line: four of five in time meets it, three of five does not', () => {
    const inTime = row(beforeThanksgiving, '2026-11-30T17:00:00Z')
    const late = row(beforeThanksgiving, '2026-12-03T17:00:00Z')
    expect(messageFigures([inTime, inTime, inTime, inTime, late], now, serviceLevel, agencyCalendar)).toMatchObject({ shareAnsweredWithinDue: 0.8, meetsTarget: true })
    expect(messageFigures([inTime, inTime, inTime, late, late], now, serviceLevel, agencyCalendar)).toMatchObject({ shareAnsweredWithinDue: 0.6, meetsTarget: false })
  })

  it('measures the time to the first answer in office time, which nights, weekends and holidays do not inflate', () => {
    // Wednesday 10:00 to Monday 30 November 9:00 Pacific: 6 office hours on Wednesday and 1 on Monday.
    const figures = messageFigures([row(beforeThanksgiving, '2026-11-30T17:00:00Z')], now, serviceLevel, agencyCalendar)
    expect(figures.medianBusinessMinutesToFirstAnswer).toBe(7 * 60)
    expect(figures.medianMinutesToFirstAnswer).toBe((5 * 24 - 1) * 60)
  })

  it('lists every language and topic, even at zero, and only threads started in the period', () => {
    const figures = supervisorMessageFigures(
      [row(beforeThanksgiving, '2026-11-30T17:00:00Z', { language: 'es', topic: 'court' }), row('2026-12-01T18:00:00Z', null)],
      { period: { from: '2026-11-23', to: '2026-11-27' }, now, serviceLevel, calendar: agencyCalendar },
    )
    expect(figures.target).toBe(0.8)
    expect(figures.overall.received).toBe(1)
    expect(figures.byLanguage.es.received).toBe(1)
    expect(figures.byLanguage.en.received).toBe(0)
    expect(figures.byTopic.court.answeredWithinDue).toBe(1)
    expect(figures.byTopic.license).toMatchObject({ received: 0, shareAnsweredWithinDue: null })
  })
})
