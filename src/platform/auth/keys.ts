/**
 * Server keys kept in the database: every process that shares the database signs and verifies with
 * the same keys, and rotation (a new current key; the old one retired, still usable for verification)
 * needs no restart. Private key material never leaves this module's callers on the server.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { serverKeys } from '../db/schema.js';

export interface StoredKey {
  kid: string;
  purpose: string;
  algorithm: string;
  privateKey: unknown;
  publicKey: unknown;
  createdAt: Date;
  retiredAt: Date | null;
}

export type KeyGenerator = () => Promise<{ algorithm: string; privateKey: unknown; publicKey: unknown }>;

/** The current key of a purpose, created on first use. Concurrent first starts converge on one key. */
export async function currentKey(db: Database, purpose: string, generate: KeyGenerator): Promise<StoredKey> {
  const existing = await db.drizzle
    .select()
    .from(serverKeys)
    .where(and(eq(serverKeys.purpose, purpose), isNull(serverKeys.retiredAt)))
    .orderBy(desc(serverKeys.createdAt))
    .limit(1);
  if (existing[0]) return existing[0] as StoredKey;
  return rotateKey(db, purpose, generate);
}

/** Makes a new current key and retires the previous ones (kept for verification). */
export async function rotateKey(db: Database, purpose: string, generate: KeyGenerator): Promise<StoredKey> {
  const material = await generate();
  const kid = `${purpose}-${randomUUID()}`;
  await db.drizzle.transaction(async (tx) => {
    await tx
      .update(serverKeys)
      .set({ retiredAt: new Date() })
      .where(and(eq(serverKeys.purpose, purpose), isNull(serverKeys.retiredAt)));
    await tx.insert(serverKeys).values({ kid, purpose, ...material, privateKey: material.privateKey as object, publicKey: material.publicKey as object });
  });
  const [row] = await db.drizzle.select().from(serverKeys).where(eq(serverKeys.kid, kid));
  return row as StoredKey;
}

/** Every key of a purpose, current and retired (for verification and DID documents). */
export async function allKeys(db: Database, purpose: string): Promise<StoredKey[]> {
  return (await db.drizzle.select().from(serverKeys).where(eq(serverKeys.purpose, purpose)).orderBy(desc(serverKeys.createdAt))) as StoredKey[];
}

export async function keyById(db: Database, kid: string): Promise<StoredKey | undefined> {
  const [row] = await db.drizzle.select().from(serverKeys).where(eq(serverKeys.kid, kid));
  return row as StoredKey | undefined;
}
