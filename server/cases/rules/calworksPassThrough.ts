// Who receives collected money: the family, or the state repaying CalWORKs, including the monthly pass-through.
import type { AllocationPart } from './ledgerStatement'
import type { AssistanceStatus, Cents } from './ledgerTypes'

/** FC 17504(a) as amended by AB 79 (2020): $100 a month for one child, $200 for two or more. */
export const PASS_THROUGH_ONE_CHILD_CENTS = 10_000
export const PASS_THROUGH_TWO_OR_MORE_CHILDREN_CENTS = 20_000

export function passThroughCapCents(childrenCount: number): Cents {
  return childrenCount >= 2 ? PASS_THROUGH_TWO_OR_MORE_CHILDREN_CENTS : PASS_THROUGH_ONE_CHILD_CENTS
}

export interface Distribution {
  toFamilyCents: Cents
  toStateCents: Cents
  /** Included in toFamilyCents. */
  passThroughCents: Cents
}

/**
 * Splits applied parts between family and state. For a family on CalWORKs now, the state-assigned support
 * "collected in a month ... in payment of the required support obligation for that month" is passed to the family
 * up to the monthly cap (FC 17504(a)); `passThroughRoomCents` is what is left of the cap in this month.
 */
export function distributeParts(
  parts: readonly AllocationPart[],
  status: AssistanceStatus,
  passThroughRoomCents: Cents,
): Distribution {
  let toFamilyCents = 0
  let toStateCents = 0
  let passThroughCents = 0
  for (const part of parts) {
    if (part.owedTo === 'family') {
      toFamilyCents += part.cents
      continue
    }
    const passed =
      status === 'current' && part.bucket === 'current'
        ? Math.min(part.cents, passThroughRoomCents - passThroughCents)
        : 0
    passThroughCents += passed
    toFamilyCents += passed
    toStateCents += part.cents - passed
  }
  return { toFamilyCents, toStateCents, passThroughCents }
}
