import { createHmac } from 'node:crypto'

/**
 * The SSN is never stored: only this keyed digest (to match what a parent types at activation) and the last
 * four digits. A keyed HMAC, unlike a plain hash, cannot be reversed by hashing all billion possible SSNs
 * without the key.
 */
export function ssnDigest(ssn: string, key: string): string {
  const digits = ssn.replace(/\D/g, '')
  return createHmac('sha256', key).update(digits).digest('hex')
}
