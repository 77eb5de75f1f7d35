/**
 * The publisher this platform signs CLRs as: its Ed25519 keys (server_keys, purpose 'clr'), its
 * profile (the `issuer` object), and key resolution for verification and the did:web document.
 * The issuer id is the current key's did:key unless the profile chose did:web, which needs an
 * https PUBLIC_BASE_URL. Secret keys never leave this module except into the signer.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/database.js';
import { allKeys, currentKey, rotateKey, type KeyGenerator, type StoredKey } from '../platform/auth/keys.js';
import { invalidData } from '../platform/errors.js';
import { clrProfile } from './clr.schema.js';
import {
  didWebDocument,
  didWebId,
  generateSigningKey,
  publicKeyRecord,
  withController,
  type DidWebDocument,
  type PublicKeyRecord,
  type SigningKeyRecord,
} from '../credentials/keys.js';

export const CLR_KEY_PURPOSE = 'clr';
const PROFILE_KEY = 'publisher';

const generate: KeyGenerator = async () => {
  const record = await generateSigningKey();
  return { algorithm: 'Ed25519', privateKey: record, publicKey: publicKeyRecord(record) };
};

/** Makes a new current CLR signing key; the old ones stay resolvable for verification. */
export function rotateClrKey(db: Database): Promise<StoredKey> {
  return rotateKey(db, CLR_KEY_PURPOSE, generate);
}

export interface PublisherProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  email?: string;
  image?: unknown;
}

export type ProfileInput = Omit<Partial<PublisherProfile>, 'type'> & { name: string; type?: string[] };

export class Publisher {
  constructor(
    private readonly db: Database,
    private readonly publicBaseUrl: string | undefined,
  ) {}

  /** did:web of the public base URL, when it is https (a did:web must be fetchable over TLS). */
  didWeb(): string | undefined {
    return this.publicBaseUrl?.startsWith('https://') ? didWebId(this.publicBaseUrl) : undefined;
  }

  /** The current signing key under the controller the profile signs as (its verification method controller = issuer id). */
  async signingKey(issuerId: string): Promise<SigningKeyRecord> {
    const record = await this.currentRecord();
    return issuerId === record.controller ? record : withController(record, issuerId);
  }

  private async currentRecord(): Promise<SigningKeyRecord> {
    return (await currentKey(this.db, CLR_KEY_PURPOSE, generate)).privateKey as SigningKeyRecord;
  }

  /** The did:key of the current key (it changes on rotation; did:web does not). */
  async didKey(): Promise<string> {
    return (await this.currentRecord()).controller;
  }

  async profile(): Promise<PublisherProfile> {
    const [row] = await this.db.drizzle.select().from(clrProfile).where(eq(clrProfile.key, PROFILE_KEY));
    const useWeb = row?.didMethod === 'web' && this.didWeb() !== undefined;
    const id = useWeb ? this.didWeb()! : await this.didKey();
    const profile: PublisherProfile = { id, type: ['Profile'], name: row?.name ?? 'Learnstack' };
    const url = row ? row.url : this.publicBaseUrl;
    if (url) profile.url = url;
    if (row?.email) profile.email = row.email;
    if (row?.image) profile.image = row.image;
    return profile;
  }

  /** Replaces the profile. Its id may only name one of the platform's own DIDs (it is what the key controller must equal). */
  async putProfile(input: ProfileInput): Promise<PublisherProfile> {
    let didMethod: 'key' | 'web' = 'key';
    if (input.id !== undefined) {
      const didKey = await this.didKey();
      if (input.id === this.didWeb()) didMethod = 'web';
      else if (input.id !== didKey) {
        const allowed = [didKey, this.didWeb()].filter(Boolean).join(' or ');
        throw invalidData('id', `the publisher id must be one of this platform's DIDs (${allowed}), not "${input.id}"`);
      }
    }
    if (input.type !== undefined && !input.type.includes('Profile')) throw invalidData('type', 'must contain "Profile"');
    const values = { didMethod, name: input.name, url: input.url ?? null, email: input.email ?? null, image: input.image ?? null, updatedAt: new Date() };
    await this.db.drizzle
      .insert(clrProfile)
      .values({ key: PROFILE_KEY, ...values })
      .onConflictDoUpdate({ target: clrProfile.key, set: values });
    return this.profile();
  }

  /** Public keys of every CLR key, current and retired, under each DID the platform has used. */
  private async publicKeys(): Promise<PublicKeyRecord[]> {
    const keys = (await allKeys(this.db, CLR_KEY_PURPOSE)).map((k) => k.publicKey as PublicKeyRecord);
    const web = this.didWeb();
    return web ? [...keys, ...keys.map((k) => withController(k, web))] : keys;
  }

  /** For verifyCredential: the platform's own keys, by verification method id. */
  readonly resolveKey = async (verificationMethodId: string): Promise<PublicKeyRecord | undefined> =>
    (await this.publicKeys()).find((k) => k.id === verificationMethodId);

  /** The did:web DID document (all keys, public parts only), or undefined without an https base URL. */
  async didDocument(): Promise<DidWebDocument | undefined> {
    if (!this.didWeb()) return undefined;
    await currentKey(this.db, CLR_KEY_PURPOSE, generate); // a document with no key would be useless
    const keys = (await allKeys(this.db, CLR_KEY_PURPOSE)).map((k) => k.publicKey as PublicKeyRecord);
    return didWebDocument(this.publicBaseUrl!, keys);
  }
}
