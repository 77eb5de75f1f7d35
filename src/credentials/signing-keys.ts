/**
 * Credential-signing keys by purpose ('clr'; Open Badges will add its own), kept in server_keys
 * like the token keys: every process sharing the database signs with the same current key, and
 * rotation retires the old one without forgetting it (credentials it signed still verify).
 */
import type { Database } from '../platform/db/database.js';
import { allKeys, currentKey, rotateKey, type KeyGenerator, type StoredKey } from '../platform/auth/keys.js';
import { generateSigningKey, publicKeyRecord, type PublicKeyRecord, type SigningKeyRecord } from './keys.js';

const generate: KeyGenerator = async () => {
  const record = await generateSigningKey();
  return { algorithm: 'Ed25519', privateKey: record, publicKey: publicKeyRecord(record) };
};

/** The current key of a purpose, made on first use. */
export async function currentSigningKey(db: Database, purpose: string): Promise<SigningKeyRecord> {
  return (await currentKey(db, purpose, generate)).privateKey as SigningKeyRecord;
}

/** Makes a new current key; the old ones stay resolvable for verification. */
export function rotateSigningKey(db: Database, purpose: string): Promise<StoredKey> {
  return rotateKey(db, purpose, generate);
}

/** Public halves of every key of a purpose, current and retired, newest first. */
export async function signingPublicKeys(db: Database, purpose: string): Promise<PublicKeyRecord[]> {
  return (await allKeys(db, purpose)).map((k) => k.publicKey as PublicKeyRecord);
}
