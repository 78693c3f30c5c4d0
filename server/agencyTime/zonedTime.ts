// Wall-clock times in a named time zone, converted to and from UTC instants with Intl only (no date library is
// installed, and Intl carries the IANA rules, so daylight saving changes come right without a table of our own).
// Calendar arithmetic on the dates themselves is calendarDates.ts.
import { epochDayOf, type IsoDate } from './calendarDates'

export type { IsoDate }

/** Minutes since local midnight, 0 to 1439 (8:00 is 480). */
export type MinuteOfDay = number

export interface LocalParts {
  date: IsoDate
  minuteOfDay: MinuteOfDay
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall clock in `timeZone` at `epochMs`, read back as if it were UTC (milliseconds). */
function wallClockAsUtc(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
}

/** The zone's offset from UTC at an instant, in milliseconds (Los Angeles: -8 h in winter, -7 h in summer). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000
  return wallClockAsUtc(wholeSeconds, timeZone) - wholeSeconds
}

export function localPartsOf(instant: Date, timeZone: string): LocalParts {
  const wall = new Date(wallClockAsUtc(instant.getTime(), timeZone))
  return {
    date: wall.toISOString().slice(0, 10),
    minuteOfDay: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  }
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar date in `timeZone` at an instant (Canadian English writes dates as YYYY-MM-DD). */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  let formatter = dateFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormatters.set(timeZone, formatter)
  }
  return formatter.format(instant)
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` + `minuteOfDay`. A wall time skipped by the
 * spring change (2:30 a.m.) resolves to the same span after the gap (3:30 a.m. daylight time); a time that
 * happens twice in the autumn (1:30 a.m.) resolves to the first. These are the "compatible" choices of
 * TC39 Temporal and of RFC 5545 for recurring local times.
 */
export function instantAt(date: IsoDate, minuteOfDay: MinuteOfDay, timeZone: string): Date {
  const key = `${timeZone} ${date} ${minuteOfDay}`
  let epochMs = rememberedInstants.get(key)
  if (epochMs === undefined) {
    if (rememberedInstants.size >= rememberedInstantsLimit) rememberedInstants.clear()
    epochMs = computeInstantAt(date, minuteOfDay, timeZone)
    rememberedInstants.set(key, epochMs)
  }
  return new Date(epochMs)
}

// Each answer costs a handful of Intl calls, and the synthetic seed asks for the same few wall times on the same days
// millions of times: answers are remembered, in a map emptied whenever it fills.
const rememberedInstants = new Map<string, number>()
const rememberedInstantsLimit = 100_000

function computeInstantAt(date: IsoDate, minuteOfDay: MinuteOfDay, timeZone: string): number {
  const wall = epochDayOf(date) * 86_400_000 + minuteOfDay * 60_000
  // The offset a day either side brackets any transition (zones change at most once a day).
  const before = offsetAt(wall - 86_400_000, timeZone)
  const after = offsetAt(wall + 86_400_000, timeZone)
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((epochMs) => wallClockAsUtc(epochMs, timeZone) === wall)
    .sort((a, b) => a - b)
  // No candidate: the wall time falls in a gap; the offset in force before the gap carries it past it.
  return candidates[0] ?? wall - before
}

/** "08:00" → 480. Hours 00–24 (24:00 is the end of the day), minutes 00–59. */
export function parseClockTime(text: string): MinuteOfDay {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text)
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN
  if (!(minutes >= 0 && minutes <= 1440)) throw new RangeError(`not a clock time (HH:MM): ${JSON.stringify(text)}`)
  return minutes
}
