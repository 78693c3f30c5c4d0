import { hash, verify } from '@node-rs/argon2'

// Argon2id (the library's default algorithm) for web passwords, phone PINs and staff passwords.
// The library's default cost (19 MiB, 2 passes) is OWASP's recommended minimum for Argon2id.

export async function hashSecret(secret: string): Promise<string> {
  return hash(secret)
}

export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  try {
    return await verify(storedHash, secret)
  } catch {
    return false
  }
}
