/**
 * OAuth clients. Secrets are shown once at creation and stored only as scrypt hashes.
 */
import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { oauthClients } from '../db/schema.js';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

export interface ClientRecord {
  clientId: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export async function createClient(
  db: Database,
  input: { name: string; scopes: string[]; clientId?: string; secret?: string },
): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = input.clientId ?? randomUUID();
  const clientSecret = input.secret ?? randomBytes(32).toString('base64url');
  await db.drizzle.insert(oauthClients).values({ clientId, name: input.name, scopes: input.scopes, secretHash: await hashSecret(clientSecret) });
  return { clientId, clientSecret };
}

/** Makes sure the client exists with exactly this secret and these scopes (the configured admin client). */
export async function ensureClient(db: Database, input: { name: string; scopes: string[]; clientId: string; secret: string }): Promise<void> {
  const [row] = await db.drizzle.select().from(oauthClients).where(eq(oauthClients.clientId, input.clientId));
  if (!row) {
    await createClient(db, input);
    return;
  }
  const sameSecret = await verifySecret(input.secret, row.secretHash);
  await db.drizzle
    .update(oauthClients)
    .set({ scopes: input.scopes, revokedAt: null, ...(sameSecret ? {} : { secretHash: await hashSecret(input.secret) }) })
    .where(eq(oauthClients.clientId, input.clientId));
}

export async function listClients(db: Database): Promise<ClientRecord[]> {
  const found = await db.drizzle.select().from(oauthClients).orderBy(oauthClients.createdAt);
  return found.map(({ secretHash: _hidden, ...rest }) => rest);
}

export async function countClients(db: Database): Promise<number> {
  return (await db.drizzle.select({ id: oauthClients.clientId }).from(oauthClients)).length;
}

export async function revokeClient(db: Database, clientId: string): Promise<boolean> {
  const updated = await db.drizzle.update(oauthClients).set({ revokedAt: new Date() }).where(eq(oauthClients.clientId, clientId)).returning();
  return updated.length > 0;
}

// scrypt is deliberately slow; a client fetching tokens in a loop should not pay it every time.
// Remember, briefly, which (client, secret digest, stored hash) triples already verified.
const verified = new Map<string, number>();
const VERIFIED_TTL_MS = 60_000;

/** The active client whose secret matches, or undefined. */
export async function authenticateClient(db: Database, clientId: string, secret: string): Promise<ClientRecord | undefined> {
  const [row] = await db.drizzle.select().from(oauthClients).where(eq(oauthClients.clientId, clientId));
  if (!row || row.revokedAt) return undefined;
  const cacheKey = `${clientId}\u0000${createHash('sha256').update(secret).digest('base64url')}\u0000${row.secretHash}`;
  const until = verified.get(cacheKey);
  if (!(until && until > Date.now())) {
    if (!(await verifySecret(secret, row.secretHash))) return undefined;
    if (verified.size > 10_000) verified.clear();
    verified.set(cacheKey, Date.now() + VERIFIED_TTL_MS);
  }
  const { secretHash: _hidden, ...client } = row;
  return client;
}
