/**
 * Ed25519 signing keys for CLR / Open Badges Data Integrity proofs (eddsa-rdfc-2022).
 *
 * API:
 *   generateSigningKey({controller?, seed?}) → SigningKeyRecord   plain JSON, safe to store.
 *       Default controller is the key's own did:key (`did:key:z…`, id `did:key:z…#z…`),
 *       which verifies offline everywhere. Pass `controller: didWebId(url)` for did:web.
 *   publicKeyRecord(record) → PublicKeyRecord                     drops the secret.
 *   withController(record, controller) → same key, re-homed under another controller.
 *   createSigner(record) → Signer                                 for sign.ts (jsonld-signatures).
 *   didWebId(baseUrl) → `did:web:host[%3Aport][:path…]`
 *   didWebDocument(baseUrl, keys) → DID document listing every key (current and rotated-out,
 *       public parts only) as a Multikey verification method and as an assertionMethod, so
 *       credentials signed by an old key still verify after rotation.
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, isEd25519Multibase } from './document-loader.js';

export interface PublicKeyRecord {
  /** Verification method id, e.g. `did:key:z6Mk…#z6Mk…`. */
  id: string;
  /** The DID / URL that controls the key, e.g. `did:key:z6Mk…`. */
  controller: string;
  /** Ed25519 public key, multibase base58btc with multicodec header (`z6Mk…`). */
  publicKeyMultibase: string;
}

export interface SigningKeyRecord extends PublicKeyRecord {
  /** Ed25519 secret key, multibase (`zrv…`). Keep it secret. */
  secretKeyMultibase: string;
}

export interface Signer {
  id: string;
  algorithm: 'Ed25519';
  sign(args: { data: Uint8Array }): Promise<Uint8Array>;
}

export async function generateSigningKey(opts: { controller?: string; seed?: Uint8Array } = {}): Promise<SigningKeyRecord> {
  const key = await Ed25519Multikey.generate(opts.seed ? { seed: opts.seed } : {});
  const pub = key.publicKeyMultibase;
  const controller = opts.controller ?? `did:key:${pub}`;
  if (!key.secretKeyMultibase) throw new Error('ed25519-multikey returned no secret key');
  return { id: `${controller}#${pub}`, controller, publicKeyMultibase: pub, secretKeyMultibase: key.secretKeyMultibase };
}

export function publicKeyRecord(record: PublicKeyRecord): PublicKeyRecord {
  return { id: record.id, controller: record.controller, publicKeyMultibase: record.publicKeyMultibase };
}

/** The same key material under another controller (id becomes `${controller}#${publicKeyMultibase}`). */
export function withController<T extends PublicKeyRecord>(record: T, controller: string): T {
  return { ...record, controller, id: `${controller}#${record.publicKeyMultibase}` };
}

/**
 * Turns a stored record back into a signer. Signs and verifies a probe message once, so a
 * record whose public and secret halves do not belong together fails here, not later as an
 * unverifiable credential.
 */
export async function createSigner(record: SigningKeyRecord): Promise<Signer> {
  if (!isEd25519Multibase(record.publicKeyMultibase)) {
    throw new TypeError(`publicKeyMultibase is not an Ed25519 multikey: ${record.publicKeyMultibase}`);
  }
  const key = await Ed25519Multikey.from({
    '@context': MULTIKEY_V1_CONTEXT,
    type: 'Multikey',
    id: record.id,
    controller: record.controller,
    publicKeyMultibase: record.publicKeyMultibase,
    secretKeyMultibase: record.secretKeyMultibase,
  });
  const signer = key.signer();
  const probe = new TextEncoder().encode(`learnstack key check ${record.id}`);
  const ok = await key.verifier().verify({ data: probe, signature: await signer.sign({ data: probe }) });
  if (!ok) throw new Error(`Signing key ${record.id}: secret key does not match publicKeyMultibase`);
  return signer as Signer;
}

/**
 * did:web identifier for an https base URL: host (port as %3A), then path segments joined by
 * ':' — `https://example.edu/issuers/1` → `did:web:example.edu:issuers:1`. The DID document
 * is then served at `/.well-known/did.json` (no path) or `<path>/did.json`.
 */
export function didWebId(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.hostname !== 'localhost') {
    throw new TypeError(`did:web needs an https URL: ${baseUrl}`);
  }
  const segments = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', encodeURIComponent(url.host), ...segments].join(':');
}

export interface DidWebDocument {
  '@context': string[];
  id: string;
  verificationMethod: Array<PublicKeyRecord & { type: 'Multikey' }>;
  assertionMethod: string[];
}

/** Public DID document for did:web; never includes secret keys even if full records are passed. */
export function didWebDocument(baseUrl: string, keys: readonly PublicKeyRecord[]): DidWebDocument {
  const did = didWebId(baseUrl);
  const seen = new Set<string>();
  const verificationMethod: DidWebDocument['verificationMethod'] = [];
  for (const k of keys) {
    if (!isEd25519Multibase(k.publicKeyMultibase)) {
      throw new TypeError(`publicKeyMultibase is not an Ed25519 multikey: ${k.publicKeyMultibase}`);
    }
    if (seen.has(k.publicKeyMultibase)) continue;
    seen.add(k.publicKeyMultibase);
    verificationMethod.push({ id: `${did}#${k.publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase: k.publicKeyMultibase });
  }
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod,
    assertionMethod: verificationMethod.map((vm) => vm.id),
  };
}
