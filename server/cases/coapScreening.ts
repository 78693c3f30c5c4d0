// Whether to tell a paying parent about the Compromise of Arrears Program (Family Code 17560). COAP compromises only
// arrears (and interest) owed to the government for public assistance, never support owed to the family; the agency
// decides eligibility from income, assets and expenses. The portal only screens on what the ledger shows:
// - something is owed to the state;
// - the case is open and enforced by this agency within California (an interstate case does not qualify);
// - at the pace of the last twelve months, the parent could not pay the state in full within three years (DCSS
//   eligibility: "cannot pay all ... within three years").
import type { Cents } from './rules/ledgerTypes'

export const COAP_PAYOFF_YEARS = 3

export interface CoapScreeningInput {
  stateOwedCents: Cents
  caseOpen: boolean
  interstate: boolean
  /** Applied to state-owed arrears and interest over the last twelve months. */
  paidToStateLastYearCents: Cents
}

export function mayQualifyForCoap(input: CoapScreeningInput): boolean {
  if (input.stateOwedCents <= 0 || !input.caseOpen || input.interstate) return false
  return input.paidToStateLastYearCents * COAP_PAYOFF_YEARS < input.stateOwedCents
}
