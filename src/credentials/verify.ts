/**
 * Offline verification of CLR 2.0 (and Open Badges 3.0 / AchievementCredential) credentials.
 *
 * API:
 *   verifyCredential(credential, {resolveKey?, now?, allowFragmentKeys?})
 *     → {valid, checks, errors, warnings}
 *   validateClrCredential(obj) → [{path, message}]   (re-exported from schema.ts)
 *   verificationMethodIds(credential) → the ids resolveKey may be asked for (the signing pool
 *     resolves them before handing the credential to a worker thread)
 *
 * Checks, in order (`checks` lists those that passed, `errors` those that failed):
 *   (a) JSON Schema: ClrCredential schema if `type` contains ClrCredential, else
 *       AchievementCredential.
 *   (b) the outer proof: DataIntegrityProof / eddsa-rdfc-2022 / assertionMethod, signature
 *       valid, and the verification method's controller equals `issuer` (id).
 *   (c) each credentialSubject.verifiableCredential[i] proof, where its key resolves; an
 *       unresolvable key is a warning ("could not resolve"), a bad signature an error.
 *   (d) validity window: validFrom in the future → "not yet valid", validUntil past → "expired"
 *       (errors for the outer credential, warnings for embedded ones).
 * valid = no errors.
 *
 * Key resolution, first match wins — never a network call:
 *   1. opts.resolveKey(verificationMethodId) — e.g. our own did:web keys from the database.
 *      Return only keys the controller authorises for assertionMethod.
 *   2. did:key (Ed25519), decoded locally.
 *   3. `<controller URL>#z6Mk…`: the key is read from the fragment, as the 1EdTech validator
 *      does (the 1EdTech samples use this form). The key is self-asserted, so a warning is
 *      added; disable with allowFragmentKeys: false.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import {
  DID_V1_CONTEXT,
  MULTIKEY_V1_CONTEXT,
  createDocumentLoader,
  findUnknownContextError,
  isEd25519Multibase,
  resolveDidKey,
  unknownContextUrls,
} from './document-loader.js';
import type { PublicKeyRecord } from './keys.js';
import { type SchemaFailure, validateAchievementCredential, validateClrCredential } from './schema.js';

export { validateClrCredential, validateAchievementCredential, type SchemaFailure };

export interface VerifyOptions {
  resolveKey?: (verificationMethodId: string) => Promise<PublicKeyRecord | null | undefined> | PublicKeyRecord | null | undefined;
  /** Clock for the validity window; default now. */
  now?: Date;
  /** Accept `<url>#z6Mk…` keys read from the fragment (default true, with a warning). */
  allowFragmentKeys?: boolean;
}

export interface VerifyResult {
  valid: boolean;
  checks: string[];
  errors: string[];
  warnings: string[];
}

type Json = Record<string, unknown>;

interface ResolvedKey {
  key: PublicKeyRecord;
  via: 'resolveKey' | 'did:key' | 'fragment';
}

export async function verifyCredential(credential: unknown, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const out: VerifyResult = { valid: false, checks: [], errors: [], warnings: [] };
  if (!isObject(credential)) {
    out.errors.push('credential must be a JSON object');
    return out;
  }
  const now = opts.now ?? new Date();

  // (a) schema
  const isClr = asArray(credential.type).includes('ClrCredential');
  const schemaName = isClr ? 'ClrCredential' : 'AchievementCredential';
  const failures = isClr ? validateClrCredential(credential) : validateAchievementCredential(credential);
  if (failures.length === 0) out.checks.push(`schema: valid ${schemaName}`);
  for (const f of failures) out.errors.push(`schema (${schemaName}): ${f.path || '(root)'} ${f.message}`);

  // Unknown contexts make every proof check fail with the same root cause; say it once.
  const unknown = unknownContextUrls(credential);
  for (const url of unknown) out.errors.push(`unknown @context "${url}" (only the shipped contexts are used, never fetched)`);

  // (b) outer proof
  if (unknown.length === 0) {
    const r = await verifyProofs(credential, opts);
    out.warnings.push(...r.warnings);
    if (r.unresolved.length > 0) {
      for (const vm of r.unresolved) out.errors.push(`proof: could not resolve verification method "${vm}"`);
    }
    if (r.ok) out.checks.push(`proof: ${r.ok}`);
    else out.errors.push(...r.errors.map((e) => `proof: ${e}`));
  }

  // (c) embedded credentials
  const subject = credential.credentialSubject;
  const embedded = isObject(subject) ? asArray(subject.verifiableCredential) : [];
  for (const [i, vc] of embedded.entries()) {
    const label = `embedded credential [${i}]${isObject(vc) && typeof vc.id === 'string' ? ` ${vc.id}` : ''}`;
    if (!isObject(vc)) {
      // A compact JWS string (VC-JWT) or garbage; JWT proofs are not verified here.
      out.warnings.push(`${label}: not an embedded-proof credential object; not verified`);
      continue;
    }
    if (asArray(vc.proof).length === 0) {
      out.errors.push(`${label}: has no proof`);
      continue;
    }
    if (unknownContextUrls(vc).length > 0) continue; // already reported above
    const r = await verifyProofs(vc, opts);
    out.warnings.push(...r.warnings.map((w) => `${label}: ${w}`));
    if (r.ok) out.checks.push(`${label}: proof ${r.ok}`);
    else if (r.unresolved.length > 0 && r.errors.length === 0) {
      out.warnings.push(`${label}: could not resolve verification method ${r.unresolved.map((v) => `"${v}"`).join(', ')}; proof not checked`);
    } else out.errors.push(...r.errors.map((e) => `${label}: ${e}`));
    for (const problem of validityProblems(vc, now)) out.warnings.push(`${label}: ${problem}`);
  }

  // (d) validity window
  const problems = validityProblems(credential, now);
  if (problems.length === 0) out.checks.push('validity window: current');
  out.errors.push(...problems);

  out.valid = out.errors.length === 0;
  return out;
}

interface ProofOutcome {
  /** Description of the proof that verified, if one did. */
  ok?: string;
  errors: string[];
  warnings: string[];
  unresolved: string[];
}

/** Verifies the top-level proof(s) of one credential; any one valid eddsa-rdfc-2022 proof suffices. */
async function verifyProofs(doc: Json, opts: VerifyOptions): Promise<ProofOutcome> {
  const res: ProofOutcome = { errors: [], warnings: [], unresolved: [] };
  const proofs = asArray(doc.proof).filter(isObject);
  if (proofs.length === 0) {
    res.errors.push('credential has no proof');
    return res;
  }
  const usable = proofs.filter((p) => p.type === 'DataIntegrityProof' && p.cryptosuite === 'eddsa-rdfc-2022' && p.proofPurpose === 'assertionMethod');
  for (const p of proofs) {
    if (!usable.includes(p)) {
      res.warnings.push(`unsupported proof ignored (type ${String(p.type)}, cryptosuite ${String(p.cryptosuite)}, purpose ${String(p.proofPurpose)})`);
    }
  }
  if (usable.length === 0) {
    res.errors.push('no DataIntegrityProof with cryptosuite eddsa-rdfc-2022 and proofPurpose assertionMethod');
    return res;
  }

  // Pre-resolve keys so the loader is a pure in-memory map during verification.
  const documents = new Map<string, unknown>();
  const controllers = new Map<string, Set<string>>();
  for (const p of usable) {
    const vmId = typeof p.verificationMethod === 'string' ? p.verificationMethod : undefined;
    let resolved: ResolvedKey | undefined;
    try {
      resolved = vmId ? await resolveKey(vmId, opts) : undefined;
    } catch (err) {
      // A failing caller-supplied resolver (e.g. DB down) must not turn into a thrown verify.
      res.warnings.push(`resolveKey failed for "${vmId}": ${describeError(err)}`);
    }
    if (!vmId || !resolved) {
      res.unresolved.push(vmId ?? '(missing verificationMethod)');
      continue;
    }
    if (resolved.via === 'fragment') {
      res.warnings.push(`key for "${vmId}" taken from its URL fragment (self-asserted, controller document not fetched)`);
    }
    if (resolved.via !== 'did:key') {
      const { id, controller, publicKeyMultibase } = resolved.key;
      documents.set(id, { '@context': MULTIKEY_V1_CONTEXT, id, type: 'Multikey', controller, publicKeyMultibase });
      controllers.set(controller, (controllers.get(controller) ?? new Set()).add(id));
    }
  }
  for (const [controller, ids] of controllers) {
    // DID v1 context first so jsonld-signatures reads assertionMethod without JSON-LD framing.
    documents.set(controller, { '@context': [DID_V1_CONTEXT], id: controller, assertionMethod: [...ids] });
  }
  if (res.unresolved.length === usable.length) return res;

  const checkable = usable.filter((p) => !res.unresolved.includes(String(p.verificationMethod)));
  const input = { ...doc, proof: checkable.length === 1 ? checkable[0] : checkable };
  let result;
  try {
    result = await jsigs.verify(input, {
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader: createDocumentLoader({ documents }),
    });
  } catch (err) {
    res.errors.push(describeError(err));
    return res;
  }

  const issuer = issuerId(doc);
  for (const r of result.results ?? []) {
    const vm = String(r.proof.verificationMethod);
    if (!r.verified) {
      res.errors.push(`${vm}: ${describeError(r.error ?? r.purposeResult?.error)}`);
      continue;
    }
    const controller = r.purposeResult?.controller?.id;
    if (!issuer || controller !== issuer) {
      res.errors.push(`${vm}: verification method controller "${controller}" does not match issuer "${issuer}"`);
      continue;
    }
    res.ok ??= `eddsa-rdfc-2022 signature valid (${vm})`;
  }
  if (!result.verified && (result.results ?? []).length === 0) res.errors.push(describeError(result.error));
  // Any one valid proof is enough (spec); failures of the others become warnings.
  if (res.ok && res.errors.length > 0) {
    res.warnings.push(...res.errors.map((e) => `additional proof failed: ${e}`));
    res.errors = [];
  }
  return res;
}

async function resolveKey(vmId: string, opts: VerifyOptions): Promise<ResolvedKey | undefined> {
  const custom = await opts.resolveKey?.(vmId);
  if (custom) {
    if (custom.id !== vmId || !isEd25519Multibase(custom.publicKeyMultibase)) return undefined;
    return { key: custom, via: 'resolveKey' };
  }
  if (vmId.startsWith('did:key:')) {
    try {
      const vm = await resolveDidKey(vmId);
      if ('publicKeyMultibase' in vm) return { key: vm, via: 'did:key' };
    } catch {
      return undefined;
    }
    return undefined;
  }
  const hash = vmId.indexOf('#');
  if (opts.allowFragmentKeys !== false && hash > 0 && /^https?:\/\//.test(vmId)) {
    const fragment = vmId.slice(hash + 1);
    if (isEd25519Multibase(fragment)) {
      try {
        await resolveDidKey(`did:key:${fragment}`); // validates the key decodes
      } catch {
        return undefined;
      }
      return { key: { id: vmId, controller: vmId.slice(0, hash), publicKeyMultibase: fragment }, via: 'fragment' };
    }
  }
  return undefined;
}

/** Every verification method the checks above may resolve: the credential's proofs and its embedded credentials'. */
export function verificationMethodIds(credential: unknown): string[] {
  if (!isObject(credential)) return [];
  const subject = credential.credentialSubject;
  const embedded = isObject(subject) ? asArray(subject.verifiableCredential).filter(isObject) : [];
  const ids = [credential, ...embedded].flatMap((doc) =>
    asArray(doc.proof)
      .filter(isObject)
      .map((p) => p.verificationMethod),
  );
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

function validityProblems(doc: Json, now: Date): string[] {
  const problems: string[] = [];
  const from = parseDate(doc.validFrom);
  const until = parseDate(doc.validUntil);
  if (from === null) problems.push(`validFrom "${String(doc.validFrom)}" is not a date-time`);
  else if (from !== undefined && from > now.getTime()) problems.push(`not yet valid (validFrom ${String(doc.validFrom)})`);
  if (until === null) problems.push(`validUntil "${String(doc.validUntil)}" is not a date-time`);
  else if (until !== undefined && until < now.getTime()) problems.push(`expired (validUntil ${String(doc.validUntil)})`);
  return problems;
}

/** undefined = absent, null = unparseable. */
function parseDate(v: unknown): number | null | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

function issuerId(doc: Json): string | undefined {
  const issuer = doc.issuer;
  if (typeof issuer === 'string') return issuer;
  if (isObject(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

/** The message of an error, with the loader's UnknownContextError and nested failures brought out. */
export function describeError(err: unknown): string {
  const unknownCtx = findUnknownContextError(err);
  if (unknownCtx) return unknownCtx.message;
  if (err instanceof Error) {
    const nested = (err as Error & { errors?: unknown[] }).errors;
    if (Array.isArray(nested) && nested.length > 0) return nested.map(describeError).join('; ');
    return err.message;
  }
  return String(err);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
