import { Algorithm, hash, verify } from '@node-rs/argon2';

// OWASP's minimum for argon2id (19 MiB, 2 passes): about 30 ms a hash on our 2-core machines.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the account does not exist, so a miss takes as long as a hit. */
export const DUMMY_HASH = await hashPassword('not-a-real-password-for-timing');
