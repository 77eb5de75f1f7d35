/**
 * The publisher a credential service signs as: its Ed25519 keys (server_keys, by purpose), its
 * profile (the `issuer` object, one row of the service's profile table), and key resolution for
 * verification and the did:web document. The issuer id is the current key's did:key unless the
 * profile chose did:web, which needs an https PUBLIC_BASE_URL. Secret keys never leave this module
 * except into the signer.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/database.js';
import { invalidData } from '../platform/errors.js';
import { didWebDocument, didWebId, withController, type DidWebDocument, type PublicKeyRecord, type SigningKeyRecord } from './keys.js';
import { currentSigningKey, signingPublicKeys } from './signing-keys.js';
import type { PublisherProfileTable } from './tables.js';

const PROFILE_KEY = 'publisher';

export interface PublisherProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  email?: string;
  image?: unknown;
}

export type ProfileInput = Omit<Partial<PublisherProfile>, 'type'> & { name: string; type?: string[] };

export interface PublisherOptions {
  /** The server_keys purpose of the signing keys ('clr'). */
  keyPurpose: string;
  /** Where the profile row is kept. */
  profileTable: PublisherProfileTable;
  publicBaseUrl?: string;
}

export class Publisher {
  private readonly keyPurpose: string;
  private readonly profileTable: PublisherProfileTable;
  private readonly publicBaseUrl: string | undefined;

  constructor(
    private readonly db: Database,
    { keyPurpose, profileTable, publicBaseUrl }: PublisherOptions,
  ) {
    this.keyPurpose = keyPurpose;
    this.profileTable = profileTable;
    this.publicBaseUrl = publicBaseUrl;
  }

  /** did:web of the public base URL, when it is https (a did:web must be fetchable over TLS). */
  didWeb(): string | undefined {
    return this.publicBaseUrl?.startsWith('https://') ? didWebId(this.publicBaseUrl) : undefined;
  }

  /** The current signing key under the controller the profile signs as (its verification method controller = issuer id). */
  async signingKey(issuerId: string): Promise<SigningKeyRecord> {
    const record = await this.currentRecord();
    return issuerId === record.controller ? record : withController(record, issuerId);
  }

  private currentRecord(): Promise<SigningKeyRecord> {
    return currentSigningKey(this.db, this.keyPurpose);
  }

  /** The did:key of the current key (it changes on rotation; did:web does not). */
  async didKey(): Promise<string> {
    return (await this.currentRecord()).controller;
  }

  async profile(): Promise<PublisherProfile> {
    const [row] = await this.db.drizzle.select().from(this.profileTable).where(eq(this.profileTable.key, PROFILE_KEY));
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
      .insert(this.profileTable)
      .values({ key: PROFILE_KEY, ...values })
      .onConflictDoUpdate({ target: this.profileTable.key, set: values });
    return this.profile();
  }

  /** Public keys of every signing key, current and retired, under each DID the platform has used. */
  private async publicKeys(): Promise<PublicKeyRecord[]> {
    const keys = await signingPublicKeys(this.db, this.keyPurpose);
    const web = this.didWeb();
    return web ? [...keys, ...keys.map((k) => withController(k, web))] : keys;
  }

  /** For verifyCredential: the platform's own keys, by verification method id. */
  readonly resolveKey = async (verificationMethodId: string): Promise<PublicKeyRecord | undefined> =>
    (await this.publicKeys()).find((k) => k.id === verificationMethodId);

  /** The did:web DID document (all keys, public parts only), or undefined without an https base URL. */
  async didDocument(): Promise<DidWebDocument | undefined> {
    if (!this.didWeb()) return undefined;
    await this.currentRecord(); // a document with no key would be useless
    return didWebDocument(this.publicBaseUrl!, await signingPublicKeys(this.db, this.keyPurpose));
  }
}
