/**
 * Encryption at rest for secrets the platform must give back (third-party app passwords):
 * AES-256-GCM under a server key kept in the database's key table, so every process can decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Database } from './db/database.js';
import { currentKey, keyById } from './auth/keys.js';

const PURPOSE = 'secret-encryption';

const generate = async () => ({ algorithm: 'A256GCM', privateKey: { k: randomBytes(32).toString('base64url') }, publicKey: null });

function keyBytes(material: unknown): Buffer {
  return Buffer.from((material as { k: string }).k, 'base64url');
}

export async function encryptSecret(db: Database, plaintext: string): Promise<{ ciphertext: string; keyId: string }> {
  const key = await currentKey(db, PURPOSE, generate);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key.privateKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext: [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.'), keyId: key.kid };
}

export async function decryptSecret(db: Database, ciphertext: string, keyId: string): Promise<string> {
  const key = await keyById(db, keyId);
  if (!key) throw new Error(`encryption key ${keyId} is missing`);
  const [iv, tag, body] = ciphertext.split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(key.privateKey), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
