/**
 * Offline JSON-LD document loader for CLR 2.0 / Open Badges 3.0 signing and verification.
 *
 * API:
 *   documentLoader(url)                 serves the shipped contexts (CONTEXT_FILES) and did:key.
 *   createDocumentLoader({documents})   same, plus extra in-memory documents keyed by URL
 *                                       (verify.ts uses it for keys resolved by other means).
 *   resolveDidKey(didUrl)               the DID document (or, with a fragment, the Multikey
 *                                       verification method) for an Ed25519 did:key.
 *   isEd25519Multibase(s)               true for a `z6Mk…` Ed25519 public key multibase.
 *   UnknownContextError                 thrown, at once, for every other URL. No network, ever.
 *
 * Why pinned files: RDF canonicalisation depends on the exact context content, and the same
 * URL has been served with different content over time (see shared/notes/1edtech-specs.md
 * §5.5). Signing and verifying against these copies keeps results reproducible.
 */
import { readFileSync } from 'node:fs';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const DATA_INTEGRITY_V1_CONTEXT = 'https://w3id.org/security/data-integrity/v1';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

/**
 * URL → file in ./contexts. Deliberately no aliases: the unversioned CLR/OB `context.json`
 * URLs have different content from the versioned files, so they are NOT mapped here.
 */
export const CONTEXT_FILES: Readonly<Record<string, string>> = Object.freeze({
  [VC_V2_CONTEXT]: 'credentials-v2.jsonld',
  [CLR_CONTEXT]: 'clr-v2p0-2.0.1.json',
  [OB_CONTEXT]: 'ob-v3p0-3.0.3.json',
  [OB_EXTENSIONS_CONTEXT]: 'ob-v3p0-extensions.json',
  [DATA_INTEGRITY_V1_CONTEXT]: 'data-integrity-v1.jsonld',
});

export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** A URL the loader will not serve. Carries the URL so callers can report it. */
export class UnknownContextError extends Error {
  readonly url: string;
  constructor(url: string) {
    super(`Unknown JSON-LD document or context "${url}": only the shipped CLR 2.0 contexts and did:key are served (no network access)`);
    this.name = 'UnknownContextError';
    this.url = url;
  }
}

// Parsed once at module load and shared (jsonld clones what it uses). Not frozen: jsonld
// deep-clones context data constantly and frozen objects made signing ~40% slower.
const CONTEXTS: ReadonlyMap<string, unknown> = new Map(
  Object.entries(CONTEXT_FILES).map(([url, file]) => [url, JSON.parse(readFileSync(new URL(`./contexts/${file}`, import.meta.url), 'utf8'))]),
);

export interface DidKeyDocument {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyDocument[];
  authentication: string[];
  assertionMethod: string[];
  capabilityInvocation: string[];
  capabilityDelegation: string[];
}

export interface MultikeyDocument {
  '@context'?: string;
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/** `z6Mk…` is the multibase prefix of every Ed25519 public key (multicodec 0xed01). */
export function isEd25519Multibase(value: string): boolean {
  return /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/.test(value);
}

/**
 * Resolves an Ed25519 did:key locally. `did:key:z6Mk…` → DID document;
 * `did:key:z6Mk…#z6Mk…` → its Multikey verification method. Throws UnknownContextError for
 * anything that is not a well-formed Ed25519 did:key (other key types are not supported).
 */
export async function resolveDidKey(didUrl: string): Promise<DidKeyDocument | MultikeyDocument> {
  const [did, fragment] = didUrl.split('#', 2) as [string, string | undefined];
  const mb = did.slice('did:key:'.length);
  if (!did.startsWith('did:key:') || !isEd25519Multibase(mb) || (fragment !== undefined && fragment !== mb)) {
    throw new UnknownContextError(didUrl);
  }
  // Decoding proves the multibase is a real 32-byte key, not just a lookalike string.
  const key = await Ed25519Multikey.from({ publicKeyMultibase: mb });
  if (key.publicKey.length !== 32) throw new UnknownContextError(didUrl);
  const vmId = `${did}#${mb}`;
  const vm: MultikeyDocument = { id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: mb };
  if (fragment !== undefined) return { '@context': MULTIKEY_V1_CONTEXT, ...vm };
  return {
    // DID v1 first: jsonld-signatures then reads assertionMethod directly, without framing
    // (framing would need the DID context, which we do not ship).
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: [vm],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityInvocation: [vmId],
    capabilityDelegation: [vmId],
  };
}

/**
 * Builds a loader over the shipped contexts, did:key, and `documents` (exact-URL matches,
 * checked first). Anything else rejects with UnknownContextError without any I/O.
 */
export function createDocumentLoader(opts: { documents?: ReadonlyMap<string, unknown> } = {}): DocumentLoader {
  const extra = opts.documents;
  return async (url: string): Promise<RemoteDocument> => {
    const own = extra?.get(url);
    if (own !== undefined) return { contextUrl: null, documentUrl: url, document: own };
    const context = CONTEXTS.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await resolveDidKey(url) };
    throw new UnknownContextError(url);
  };
}

/** The default loader: shipped contexts + did:key only. */
export const documentLoader: DocumentLoader = createDocumentLoader();

/**
 * Finds an UnknownContextError inside the wrappers jsonld and jsonld-signatures put around
 * loader failures (`details.cause`, `cause`, `errors[]`), so callers see the real reason.
 */
export function findUnknownContextError(err: unknown, depth = 0): UnknownContextError | undefined {
  if (err instanceof UnknownContextError) return err;
  if (!err || typeof err !== 'object' || depth > 8) return undefined;
  const e = err as { cause?: unknown; details?: { cause?: unknown }; errors?: unknown[] };
  for (const next of [e.cause, e.details?.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = findUnknownContextError(next, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Every string @context URL in a JSON value (top level and nested, e.g. embedded
 * credentials) that this loader would not serve. Lets callers fail fast before signing.
 */
export function unknownContextUrls(value: unknown, known: ReadonlyMap<string, unknown> = CONTEXTS): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      if (k === '@context') {
        for (const c of Array.isArray(child) ? child : [child]) {
          if (typeof c === 'string' && !known.has(c)) out.add(c);
          else if (c && typeof c === 'object') walk(c);
        }
      } else walk(child);
    }
  };
  walk(value);
  return [...out];
}
