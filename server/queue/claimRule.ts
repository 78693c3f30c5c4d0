// Who may take which work item: the one rule for every kind of item in the representatives' queue (callback
// requests, written messages). The queue page, an item's own page and the services all ask these functions, so a
// button the console offers is a claim the database will accept. The repositories' conditional UPDATEs say the same
// in SQL (claimableWhere in each repository); test/queue/claimRule.test.ts holds the two to each other.

/** What the rule needs to know about an item, whatever its kind. */
export interface ClaimableItem {
  /** 'open' and 'claimed' are waiting on the agency; any other status is closed. */
  status: string
  claimedBy: number | null
  claimedAt: Date | null
  /** Not to be taken before this instant (a callback's next attempt after a missed call); null when ready. */
  notBefore: Date | null
}

export interface ClaimingStaff {
  staffId: number
}

export interface ClaimTime {
  now: Date
  /** How long a claim holds before another representative may take the item over (CALLBACK_CLAIM_MINUTES). */
  claimMinutes: number
}

/**
 * A claim holds for a while and then lapses, so an item whose representative went to lunch or closed the tab does
 * not sit unanswered until its promise breaks. A claim made before this instant has lapsed.
 */
export function staleClaimsBefore(now: Date, claimMinutes: number): Date {
  return new Date(now.getTime() - claimMinutes * 60_000)
}

/** Claimed so long ago that another representative may take the item over. */
export function claimHasLapsed(item: Pick<ClaimableItem, 'status' | 'claimedAt'>, at: ClaimTime): boolean {
  return item.status === 'claimed' && item.claimedAt !== null && item.claimedAt < staleClaimsBefore(at.now, at.claimMinutes)
}

/** Waiting for no time of its own (a retry time that has not come). */
export function isReady(item: Pick<ClaimableItem, 'notBefore'>, now: Date): boolean {
  return item.notBefore === null || item.notBefore <= now
}

/** The representative holds the claim and may work the item (reply, record a call, release it). */
export function holdsClaim(staff: ClaimingStaff, item: Pick<ClaimableItem, 'status' | 'claimedBy'>): boolean {
  return item.status === 'claimed' && item.claimedBy === staff.staffId
}

/**
 * The claim rule. A representative may take an item that is open and ready, or one whose claim by someone else has
 * lapsed. An item they already hold is theirs to work, not to claim again; a closed item, one claimed by someone
 * else within the claim time, and one waiting for its retry time cannot be taken.
 */
export function mayClaim(staff: ClaimingStaff, item: ClaimableItem, at: ClaimTime): boolean {
  if (holdsClaim(staff, item)) return false
  if (item.status === 'open') return isReady(item, at.now)
  return claimHasLapsed(item, at)
}
