import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters: N (CPU/memory cost, a power of two), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP Password Storage Cheat Sheet: "scrypt with a minimum CPU/memory cost parameter of (2^17), a minimum block
 * size of 8 (1024 bytes), and a parallelization parameter of 1" (https://cheatsheetseries.owasp.org/cheatsheets/
 * Password_Storage_Cheat_Sheet.html#scrypt). 128 MiB and ~0.3-0.6 s a hash on a 2-core server.
 */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/**
 * The cost new hashes are made with and older ones are upgraded to: always PASSWORD_COST in the server. Only the unit
 * tests' setup lowers it (`server/testing-setup.ts`): they sign in thousands of times, and at 0.5 s and 128 MiB a hash
 * that was half of the unit lane's time on two cores. The server processes the browser tests start, and
 * `credentials.test.ts`, hash at PASSWORD_COST.
 */
let workFactor: ScryptCost = PASSWORD_COST;

/** For tests only (see `workFactor`); returns the cost it replaced, to be put back. */
export function setWorkFactorForTests(cost: ScryptCost): ScryptCost {
  const before = workFactor;
  workFactor = cost;
  decoy = undefined;
  return before;
}
/** What hashes written before the cost was raised used (`scrypt$salt$hash`): Node's defaults. */
const LEGACY_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // Node refuses more than 32 MiB by default; N=2^17, r=8 needs 128 MiB (128 * N * r bytes) plus some.
    scryptCallback(password, salt, length, { ...cost, maxmem: 128 * cost.N * cost.r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

interface StoredHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

/** `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (PHC string format, base64url), or the legacy `scrypt$<salt>$<hash>`. */
function parse(stored: string): StoredHash | undefined {
  const legacy = /^scrypt\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (legacy?.[1] && legacy[2])
    return { cost: LEGACY_COST, salt: Buffer.from(legacy[1], 'base64url'), hash: Buffer.from(legacy[2], 'base64url') };
  const phc = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!phc?.[4] || !phc[5]) return undefined;
  const cost = { N: 2 ** Number(phc[1]), r: Number(phc[2]), p: Number(phc[3]) };
  // Nothing in this database asks for more than 4x today's cost; a bigger value is a corrupted or planted row.
  if (cost.N * cost.r * cost.p > 4 * PASSWORD_COST.N * PASSWORD_COST.r * PASSWORD_COST.p) return undefined;
  return { cost, salt: Buffer.from(phc[4], 'base64url'), hash: Buffer.from(phc[5], 'base64url') };
}

export async function hashPassword(password: string, cost: ScryptCost = workFactor): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, cost);
  return `$scrypt$ln=${Math.log2(cost.N)},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const actual = await scrypt(password, parsed.salt, parsed.hash.length, parsed.cost);
  return timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored hash was made with less than today's cost, so a successful sign-in should store a new one. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.cost;
  return N < workFactor.N || r < workFactor.r || p < workFactor.p || parsed.hash.length < KEY_LENGTH;
}

/**
 * A hash of a password nobody has, at today's cost, computed once: checking an unknown email against it costs
 * what checking a real one does, so the answer time does not tell which emails exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}
