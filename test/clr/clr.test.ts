import { tamperedCopies, verifyInChild } from './verify-in-child.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnknownContextError, documentLoader } from '../../src/credentials/document-loader.js';
import {
  createSigner,
  didWebDocument,
  didWebId,
  generateSigningKey,
  publicKeyRecord,
  withController,
  type SigningKeyRecord,
} from '../../src/credentials/keys.js';
import { signCredential } from '../../src/credentials/sign.js';
import { achievementCredential, clrCredential } from './synthetic.js';
import { validateClrCredential, verifyCredential } from '../../src/credentials/verify.js';

type Json = Record<string, any>;

const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const CREATED = '2025-01-02T03:04:05Z';

/** The legacy-free noproof sample, with its embedded credential signed by its own did:key issuer. */
async function signedNoproofSample(clrKey: SigningKeyRecord, embeddedKey: SigningKeyRecord): Promise<Json> {
  const clr = fixture('clr-simple-noproof-v2.json');
  const inner = clr.credentialSubject.verifiableCredential[0];
  inner.issuer.id = embeddedKey.controller;
  clr.credentialSubject.verifiableCredential[0] = await signCredential(inner, embeddedKey, { created: CREATED });
  clr.issuer.id = clrKey.controller;
  return signCredential(clr, clrKey, { created: CREATED });
}

describe('1EdTech sample', () => {
  it('clr-simple.json (real eddsa-rdfc-2022 proofs) verifies offline', async () => {
    const result = await verifyCredential(fixture('clr-simple.json'));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.checks).toContain('schema: valid ClrCredential');
    expect(result.checks.some((c) => c.startsWith('proof: eddsa-rdfc-2022 signature valid'))).toBe(true);
    expect(result.checks.some((c) => c.startsWith('embedded credential [0]') && c.includes('signature valid'))).toBe(true);
    // Its keys are `https://…#z6Mk…` fragment keys: accepted, but flagged as self-asserted.
    expect(result.warnings.some((w) => w.includes('URL fragment'))).toBe(true);
  });

  it('refuses fragment keys when allowFragmentKeys is false', async () => {
    const result = await verifyCredential(fixture('clr-simple.json'), { allowFragmentKeys: false });
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.includes('could not resolve verification method'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('could not resolve'))).toBe(true);
  });

  it('a tampered sample fails', async () => {
    const doc = fixture('clr-simple.json');
    doc.credentialSubject.achievement[0].name = 'Achievement 1 (edited)';
    const result = await verifyCredential(doc);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.startsWith('proof:') && e.includes('Invalid signature'))).toBe(true);
  });
});

describe('signCredential', () => {
  it('is deterministic for a given created date, replaces the outer proof, keeps embedded proofs', async () => {
    const key = await generateSigningKey();
    const doc = fixture('clr-simple.json');
    const embeddedProof = structuredClone(doc.credentialSubject.verifiableCredential[0].proof);
    doc.issuer.id = key.controller;
    const a = await signCredential(doc, key, { created: CREATED });
    const b = await signCredential(doc, key, { created: new Date(CREATED) });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: key.id,
      created: CREATED,
    });
    expect(Array.isArray(a.proof)).toBe(false); // the old sample proof was dropped, not appended to
    expect((a as Json).credentialSubject.verifiableCredential[0].proof).toEqual(embeddedProof);
    expect(doc.proof).toBeDefined(); // input not mutated
    expect((await verifyCredential(a)).valid).toBe(true);
  });

  it('works from a JSON round-tripped key record; rejects mismatched key halves', async () => {
    const key = await generateSigningKey();
    const stored: SigningKeyRecord = JSON.parse(JSON.stringify(key));
    expect(key.id).toBe(`${key.controller}#${key.publicKeyMultibase}`);
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    await expect(createSigner(stored)).resolves.toMatchObject({ id: key.id, algorithm: 'Ed25519' });
    const other = await generateSigningKey();
    await expect(createSigner({ ...key, secretKeyMultibase: other.secretKeyMultibase })).rejects.toThrow(/does not match/);
  });

  it('the legacy (VC 1.1 / draft-context) clr-simple-noproof.json is refused with UnknownContextError', async () => {
    const key = await generateSigningKey();
    const legacy = fixture('clr-simple-noproof.json');
    const err = await signCredential(legacy, key).catch((e) => e);
    // Its first @context is the VC 1.1 URL, not VC 2.0, so the signer stops there.
    expect(err).toBeInstanceOf(TypeError);
    legacy['@context'][0] = 'https://www.w3.org/ns/credentials/v2';
    const err2 = await signCredential(legacy, key).catch((e) => e);
    expect(err2).toBeInstanceOf(UnknownContextError);
    expect(err2.url).toBe('https://dc.imsglobal.org/draft/clr/v2p0/context');
  });
});

describe('sign, then verify in a separate process with @digitalbazaar/vc', () => {
  it('passes untouched and fails for each tampered copy', async () => {
    const clrKey = await generateSigningKey();
    const embeddedKey = await generateSigningKey();
    const signed = await signedNoproofSample(clrKey, embeddedKey);

    const own = await verifyCredential(signed);
    expect(own.errors).toEqual([]);
    expect(own.valid).toBe(true);

    const { tamperedName, tamperedScore, tamperedEmbedded } = tamperedCopies(signed);

    const results = await verifyInChild([
      { name: 'original', credential: signed },
      { name: 'embedded alone', credential: signed.credentialSubject.verifiableCredential[0] },
      { name: 'name', credential: tamperedName },
      { name: 'score', credential: tamperedScore },
      { name: 'embedded field', credential: tamperedEmbedded },
    ]);
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName.original).toMatchObject({ verified: true });
    expect(byName['embedded alone']).toMatchObject({ verified: true });
    for (const name of ['name', 'score', 'embedded field']) {
      expect(byName[name]!.verified, `${name} tamper must fail`).toBe(false);
      expect(byName[name]!.error).toMatch(/Invalid signature/);
    }

    // Our verifier agrees, and pins the embedded tamper on the embedded proof too.
    expect((await verifyCredential(tamperedName)).valid).toBe(false);
    expect((await verifyCredential(tamperedScore)).valid).toBe(false);
    const emb = await verifyCredential(tamperedEmbedded);
    expect(emb.valid).toBe(false);
    expect(emb.errors.some((e) => e.startsWith('embedded credential [0]') && e.includes('Invalid signature'))).toBe(true);
  });

  it('a 50-embedded-credential CLR signs and verifies (both verifiers)', async () => {
    const clrKey = await generateSigningKey();
    const schoolKey = await generateSigningKey();
    const subject = 'did:example:learner-1';
    const embedded = [];
    for (let i = 0; i < 50; i++) {
      embedded.push(await signCredential(achievementCredential(i, schoolKey.controller, subject), schoolKey, { created: CREATED }));
    }
    const signed = await signCredential(clrCredential(clrKey.controller, subject, embedded), clrKey, { created: CREATED });
    const own = await verifyCredential(signed);
    expect(own.errors).toEqual([]);
    expect(own.checks.filter((c) => c.startsWith('embedded credential')).length).toBe(50);
    const [child] = await verifyInChild([{ name: 'clr50', credential: signed }]);
    expect(child).toMatchObject({ verified: true });
  });
});

describe('offline document loader', () => {
  it('rejects an unknown @context URL immediately with UnknownContextError', { timeout: 5000 }, async () => {
    await expect(documentLoader('https://example.com/contexts/v1')).rejects.toBeInstanceOf(UnknownContextError);
    const key = await generateSigningKey();
    const doc = fixture('clr-simple-noproof-v2.json');
    doc['@context'].push('https://example.com/unknown-context.json');
    const err = await signCredential(doc, key).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownContextError);
    expect(err.url).toBe('https://example.com/unknown-context.json');

    // Also when the unknown context is only met inside jsonld (custom loader path, no pre-check).
    const inner = fixture('clr-simple-noproof-v2.json');
    inner.credentialSubject.verifiableCredential[0]['@context'].push('https://example.com/nested.json');
    const err2 = await signCredential(inner, key, { documentLoader }).catch((e) => e);
    expect(err2).toBeInstanceOf(UnknownContextError);
    expect(err2.url).toBe('https://example.com/nested.json');

    const result = await verifyCredential(doc);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.includes('https://example.com/unknown-context.json'))).toBe(true);
  });

  it('serves the pinned contexts and resolves did:key locally', async () => {
    const ctx = await documentLoader('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json');
    expect(JSON.stringify(ctx.document)).toContain('ClrCredential');
    // The unversioned URL has different content upstream, so it is deliberately not aliased.
    await expect(documentLoader('https://purl.imsglobal.org/spec/clr/v2p0/context.json')).rejects.toBeInstanceOf(UnknownContextError);
    const key = await generateSigningKey();
    const did = (await documentLoader(key.controller)).document as Json;
    expect(did.assertionMethod).toEqual([key.id]);
    const vm = (await documentLoader(key.id)).document as Json;
    expect(vm).toMatchObject({ type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase });
    await expect(documentLoader('did:key:z6MkNotAKey')).rejects.toBeInstanceOf(UnknownContextError);
    await expect(documentLoader('did:web:example.edu')).rejects.toBeInstanceOf(UnknownContextError);
  });
});

describe('schema validation (validateClrCredential)', () => {
  const base = (): Json => fixture('clr-simple.json');
  const paths = (obj: unknown) => validateClrCredential(obj).map((f) => f.path);

  it('accepts the sample', () => {
    expect(validateClrCredential(base())).toEqual([]);
  });

  it('missing credentialSubject.verifiableCredential (required by ClrSubject)', () => {
    const doc = base();
    delete doc.credentialSubject.verifiableCredential;
    expect(validateClrCredential(doc)).toContainEqual({ path: 'credentialSubject.verifiableCredential', message: 'is required' });
    const empty = base();
    empty.credentialSubject.verifiableCredential = [];
    expect(paths(empty)).toContain('credentialSubject.verifiableCredential');
  });

  it('type without ClrCredential', () => {
    const doc = base();
    doc.type = ['VerifiableCredential', 'OpenBadgeCredential'];
    expect(validateClrCredential(doc)).toContainEqual({ path: 'type', message: 'must contain "ClrCredential"' });
    const bare = base();
    bare.type = 'VerifiableCredential'; // the schema lets a bare string through; we do not
    expect(paths(bare)).toContain('type');
  });

  it('non-date validFrom, and nested paths', () => {
    const doc = base();
    doc.validFrom = 'last Tuesday';
    doc.credentialSubject.verifiableCredential[0].validFrom = '2010-01-01'; // date, not date-time
    delete doc.name;
    const failures = validateClrCredential(doc);
    expect(failures).toContainEqual({ path: 'validFrom', message: 'must match format "date-time"' });
    expect(failures).toContainEqual({ path: 'credentialSubject.verifiableCredential[0].validFrom', message: 'must match format "date-time"' });
    expect(failures).toContainEqual({ path: 'name', message: 'is required' });
  });

  it('the legacy VC 1.1 sample fails on @context and validFrom', () => {
    const p = paths(fixture('clr-simple-noproof.json'));
    expect(p).toEqual(expect.arrayContaining(['validFrom', '@context[0]', '@context[1]']));
  });

  it('verifyCredential reports schema failures as errors', async () => {
    const doc = base();
    doc.validFrom = 'soon';
    const result = await verifyCredential(doc);
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('schema (ClrCredential): validFrom must match format "date-time"');
  });
});

describe('validity window and key resolution', () => {
  it('expired and not-yet-valid credentials fail even with a good proof', async () => {
    const key = await generateSigningKey();
    const now = new Date('2026-01-01T00:00:00Z');
    const expired = clrCredential(key.controller, 'did:example:l', [
      await signCredential(achievementCredential(1, key.controller, 'did:example:l'), key, { created: CREATED }),
    ]);
    expired.validUntil = '2025-12-31T23:59:59Z';
    const r1 = await verifyCredential(await signCredential(expired, key, { created: CREATED }), { now });
    expect(r1.valid).toBe(false);
    expect(r1.errors).toEqual(['expired (validUntil 2025-12-31T23:59:59Z)']);

    const future: Record<string, unknown> = { ...expired, validFrom: '2027-01-01T00:00:00Z' };
    delete future.validUntil;
    const r2 = await verifyCredential(await signCredential(future, key, { created: CREATED }), { now });
    expect(r2.errors).toEqual(['not yet valid (validFrom 2027-01-01T00:00:00Z)']);
  });

  it('did:web keys verify through resolveKey, including rotated-out keys', async () => {
    const base = 'https://learnstack.example.edu';
    const did = didWebId(base);
    expect(did).toBe('did:web:learnstack.example.edu');
    expect(didWebId('https://example.edu:8443/issuers/1')).toBe('did:web:example.edu%3A8443:issuers:1');
    const oldKey = await generateSigningKey({ controller: did });
    const newKey = withController(await generateSigningKey(), did);
    const doc = didWebDocument(base, [newKey, oldKey]);
    expect(JSON.stringify(doc)).not.toContain('secretKeyMultibase');
    expect(doc.assertionMethod).toEqual([newKey.id, oldKey.id]);
    expect(publicKeyRecord(oldKey)).not.toHaveProperty('secretKeyMultibase');

    const resolveKey = (id: string) => doc.verificationMethod.find((vm) => vm.id === id);
    const mk = (key: SigningKeyRecord) =>
      signCredential(clrCredential(did, 'did:example:l', [achievementCredential(1, did, 'did:example:l')]), key, { created: CREATED });
    for (const key of [oldKey, newKey]) {
      const signed = await mk(key);
      const ok = await verifyCredential(signed, { resolveKey });
      expect(ok.checks.some((c) => c.startsWith('proof:'))).toBe(true);
      // The unsigned embedded credential is reported, and is the only error.
      expect(ok.errors).toEqual(['embedded credential [0] urn:uuid:10000000-0000-4000-8000-000000000001: has no proof']);
      const unresolved = await verifyCredential(signed);
      expect(unresolved.errors).toContain(`proof: could not resolve verification method "${key.id}"`);
    }
  });

  it('an embedded credential whose key cannot be resolved is a warning, not an error', async () => {
    const clrKey = await generateSigningKey();
    const webKey = await generateSigningKey({ controller: 'did:web:other.example' });
    const inner = await signCredential(achievementCredential(7, webKey.controller, 'did:example:l'), webKey, { created: CREATED });
    const signed = await signCredential(clrCredential(clrKey.controller, 'did:example:l', [inner]), clrKey, { created: CREATED });
    const result = await verifyCredential(signed);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.warnings.some((w) => w.includes('could not resolve') && w.includes(webKey.id))).toBe(true);
  });

  it('rejects a proof whose key controller is not the issuer', async () => {
    const key = await generateSigningKey();
    const doc = fixture('clr-simple-noproof-v2.json'); // issuer stays https://example.edu/issuers/565049
    doc.credentialSubject.verifiableCredential = [await signCredential(achievementCredential(1, key.controller, 'did:example:l'), key, { created: CREATED })];
    const signed = await signCredential(doc, key, { created: CREATED });
    const result = await verifyCredential(signed);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.includes('does not match issuer'))).toBe(true);
  });
});
