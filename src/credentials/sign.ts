/**
 * Signs a CLR 2.0 / Open Badges 3.0 credential with an embedded Data Integrity proof.
 *
 * API:
 *   signCredential(credential, keyRecord, {created?, documentLoader?}) → signed copy
 *
 * The proof is `DataIntegrityProof` / `eddsa-rdfc-2022` / `assertionMethod`, with
 * verificationMethod = keyRecord.id — the only suite 1EdTech conformance accepts.
 * - Any existing top-level `proof` is dropped (re-signing replaces, never appends).
 * - Nothing else is changed: the caller sets `issuer` (it should be keyRecord.controller,
 *   or verifiers that bind issuer to key controller will reject the credential).
 * - Embedded `credentialSubject.verifiableCredential[*]` and their proofs are signed over
 *   as data, untouched.
 * - Deterministic for a fixed `created` (Ed25519 signatures are deterministic).
 * - Offline: an @context outside the shipped set throws UnknownContextError before any work.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import {
  type DocumentLoader,
  UnknownContextError,
  VC_V2_CONTEXT,
  documentLoader as shippedLoader,
  findUnknownContextError,
  unknownContextUrls,
} from './document-loader.js';
import { type SigningKeyRecord, createSigner } from './keys.js';

export interface DataIntegrityProofValue {
  type: 'DataIntegrityProof';
  created?: string;
  verificationMethod: string;
  cryptosuite: 'eddsa-rdfc-2022';
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

export interface SignOptions {
  /** Proof `created` timestamp; default now. Fix it for reproducible output. */
  created?: Date | string;
  /** Override the loader (tests); must stay offline. Default: shipped contexts + did:key. */
  documentLoader?: DocumentLoader;
}

export type SignedCredential<T> = Omit<T, 'proof'> & { proof: DataIntegrityProofValue };

export async function signCredential<T extends Record<string, unknown>>(
  credential: T,
  keyRecord: SigningKeyRecord,
  opts: SignOptions = {},
): Promise<SignedCredential<T>> {
  const doc = structuredClone(credential) as Record<string, unknown>;
  delete doc.proof;

  const ctx = doc['@context'];
  if (!(Array.isArray(ctx) ? ctx[0] === VC_V2_CONTEXT : ctx === VC_V2_CONTEXT)) {
    // Without the VC 2.0 context the library would append data-integrity/v2 to @context,
    // silently changing the document; CLR 2.0 requires VC 2.0 first anyway.
    throw new TypeError(`@context must start with ${VC_V2_CONTEXT}`);
  }
  const loader = opts.documentLoader ?? shippedLoader;
  if (!opts.documentLoader) {
    const unknown = unknownContextUrls(doc);
    if (unknown.length > 0) throw new UnknownContextError(unknown[0]!);
  }

  const suite = new DataIntegrityProof({
    signer: await createSigner(keyRecord),
    cryptosuite: eddsaRdfc2022,
    ...(opts.created !== undefined ? { date: opts.created } : {}),
  });
  try {
    const signed = await jsigs.sign(doc, {
      suite,
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader: loader,
      addSuiteContext: false,
    });
    return signed as unknown as SignedCredential<T>;
  } catch (err) {
    throw findUnknownContextError(err) ?? err;
  }
}
