// Passwords hashed with scrypt (node:crypto; memory-hard, no native addon).
// Stored as scrypt$N$r$p$salt$hash so parameters can be raised later.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * scrypt's cost N: 2^15 (32 MB and tens of milliseconds a hash). Under
 * NODE_ENV=test, 2^10: the same code at the least cost, as Rails's `min_cost`
 * and Django's test hashers do, since the integration tests hash and check
 * passwords thousands of times. N is stored in every hash, so hashes of either
 * cost verify anywhere; servers (NODE_ENV production or development) never use 2^10.
 */
export function scryptCost(nodeEnv: string | undefined): number {
  return nodeEnv === "test" ? 2 ** 10 : 2 ** 15;
}
const r = 8;
const p = 1;
const keyLength = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, N = scryptCost(process.env.NODE_ENV)): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r, p });
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await derive(password, Buffer.from(salt, "base64"), { N: Number(n), r: Number(rr), p: Number(pp) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random password for demo and CLI accounts: 20 characters, URL-safe. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
