import os from 'node:os'

import { hash, verify } from '@node-rs/argon2'

import { concurrencyLimit } from './concurrencyLimit'

// Argon2id (the library's default algorithm) for web passwords, phone PINs and staff passwords.
// The library's default cost (19 MiB, 2 passes) is OWASP's recommended minimum for Argon2id.

// Each hash holds its 19 MiB while it runs, on one of libuv's four threads. More at once than there are cores is no
// faster, only bigger: a burst of sign-ins or phone PINs under load took peak RSS up by 76 MiB (BENCHMARKS.md, fix 11).
const oneHashPerCore = concurrencyLimit(Math.min(4, Math.max(1, os.availableParallelism())))

export async function hashSecret(secret: string): Promise<string> {
  return oneHashPerCore(() => hash(secret))
}

export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  try {
    return await oneHashPerCore(() => verify(storedHash, secret))
  } catch {
    return false
  }
}
