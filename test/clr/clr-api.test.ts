import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, scope, type TestContext } from '../helpers.js';
import { GRADEBOOK, lineItemBody, resultBody, seedGradebook } from '../gradebook/gradebook-fixtures.js';
import { generateSigningKey, type SigningKeyRecord } from '../../src/credentials/keys.js';
import { signCredential } from '../../src/credentials/sign.js';
import { rotateSigningKey } from '../../src/credentials/signing-keys.js';
import { CLR_KEY_PURPOSE } from '../../src/clr/clr.schema.js';
import { tamperedCopies, verdicts } from './verify-in-child.js';

type Json = Record<string, any>;

const CLR = '/ims/clr/v2p0';
const UNKNOWN_CONTEXT = 'https://example.com/contexts/unknown.json';

let ctx: TestContext;
let schoolKey: SigningKeyRecord;
/** Tokens of two clients that may read and upsert, and a read-only one of the first client. */
let clientA: string;
let clientB: string;
let readOnlyA: string;

const fixture = (): Json => JSON.parse(readFileSync(new URL('./fixtures/clr-simple-noproof-v2.json', import.meta.url), 'utf8'));

/** The sample ClrCredential with id `id`; its embedded credential signed by the school's own did:key. */
async function submission(id: string, subject = 'did:example:learner-1'): Promise<Json> {
  const clr = fixture();
  clr.id = id;
  clr.credentialSubject.id = subject;
  const inner = clr.credentialSubject.verifiableCredential[0];
  inner.issuer.id = schoolKey.controller;
  inner.credentialSubject.id = subject;
  clr.credentialSubject.verifiableCredential[0] = await signCredential(inner, schoolKey);
  return clr;
}

const upsert = (body: unknown, token?: string | null, headers?: Record<string, string>) => ctx.request('POST', `${CLR}/credentials`, { body, token, headers });
const byId = (id: string, token?: string) => ctx.request('GET', `${CLR}/credentials/${encodeURIComponent(id)}`, { token });
const adminTotal = async () => Number((await ctx.request('GET', `${CLR}/credentials`)).headers['x-total-count']);

beforeAll(async () => {
  ctx = await createTestContext();
  schoolKey = await generateSigningKey();
  const clr = (...names: string[]) => names.map((n) => scope(`clr:credential.${n}`)).join(' ');
  clientA = await ctx.tokens.issue('client-a', clr('readonly', 'upsert'));
  clientB = await ctx.tokens.issue('client-b', clr('readonly', 'upsert'));
  readOnlyA = await ctx.tokens.issue('client-a', clr('readonly'));
});
afterAll(async () => ctx?.close());

describe('discovery', () => {
  it('is public and documents the operations and CLR scopes', async () => {
    const res = await ctx.request('GET', `${CLR}/discovery`, { token: null });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/credentials', '/credentials/{id}', '/profile', '/credentials/verify', '/learners/{userSourcedId}/clr']),
    );
    expect(doc.paths['/credentials'].post.operationId).toBe('upsertCLR');
    expect(Object.keys(doc.components.securitySchemes.OAuth2CC.flows.clientCredentials.scopes)).toEqual(
      expect.arrayContaining([
        'https://purl.imsglobal.org/spec/clr/v2p0/scope/credential.readonly',
        'https://purl.imsglobal.org/spec/clr/v2p0/scope/credential.upsert',
      ]),
    );
  });
});

describe('POST /credentials (upsert)', () => {
  it(
    'signs as publisher: 201, then 200 for the same id; the result verifies in a separate process and tampering fails there',
    { timeout: 60_000 },
    async () => {
      const body = await submission('urn:uuid:6f0c7a52-0000-4000-8000-000000000001');
      body.proof = {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: 'did:example:x#1',
        proofValue: 'zForged',
      };
      const embeddedProof = structuredClone(body.credentialSubject.verifiableCredential[0].proof);

      const created = await upsert(body, clientA);
      expect(created.statusCode, created.body).toBe(201);
      const signed = created.json();
      const profile = (await ctx.request('GET', `${CLR}/profile`)).json();
      expect(profile.id).toMatch(/^did:key:z6Mk/);
      expect(signed.issuer).toEqual(profile);
      expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
      expect(signed.proof.verificationMethod.startsWith(`${profile.id}#`)).toBe(true);
      expect(signed.credentialSubject.verifiableCredential[0].proof).toEqual(embeddedProof);
      expect(JSON.stringify(signed)).not.toContain('secretKeyMultibase');

      const replaced = await upsert({ ...body, name: 'Sample Transcript (revised)' }, clientA, { 'content-type': 'application/vc+ld+json' });
      expect(replaced.statusCode, replaced.body).toBe(200);
      expect(replaced.json().name).toBe('Sample Transcript (revised)');
      const stored = await byId(body.id, clientA);
      expect(stored.json()).toEqual(replaced.json());

      const { tamperedName, tamperedScore, tamperedEmbedded } = tamperedCopies(signed);
      const v = await verdicts([
        { name: 'created', credential: signed },
        { name: 'replaced', credential: replaced.json() },
        { name: 'name', credential: tamperedName },
        { name: 'score', credential: tamperedScore },
        { name: 'embedded', credential: tamperedEmbedded },
      ]);
      expect(v.created).toMatchObject({ verified: true });
      expect(v.replaced).toMatchObject({ verified: true });
      for (const name of ['name', 'score', 'embedded']) {
        expect(v[name]!.verified, `${name} tamper must fail`).toBe(false);
        expect(v[name]!.error).toMatch(/Invalid signature/);
      }
    },
  );

  it('refuses bad input with the reason and stores nothing', async () => {
    const before = await adminTotal();
    const notJson = await ctx.request('POST', `${CLR}/credentials`, { body: '{"@context": [', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect(codeMinor(notJson)).toBe('invaliddata');

    const cases: Array<[string, (doc: Json) => void, string, RegExp]> = [
      ['no verifiableCredential', (d) => delete d.credentialSubject.verifiableCredential, 'credentialSubject.verifiableCredential', /required/],
      ['type without ClrCredential', (d) => (d.type = ['VerifiableCredential', 'OpenBadgeCredential']), 'type', /ClrCredential/],
      ['non-date validFrom', (d) => (d.validFrom = 'last Tuesday'), 'validFrom', /date-time/],
      ['unknown @context', (d) => d['@context'].push(UNKNOWN_CONTEXT), '@context', new RegExp(UNKNOWN_CONTEXT.replace(/\./g, '\\.'))],
    ];
    for (const [label, mutate, field, reason] of cases) {
      const doc = await submission(`urn:uuid:6f0c7a52-0000-4000-8000-0000000000b${cases.findIndex((c) => c[0] === label)}`);
      mutate(doc);
      const res = await upsert(doc);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(422);
      const details: Array<Record<string, string>> = res.json().imsx_error_details;
      const entry = details.find((d) => field in d);
      expect(entry, `${label}: ${res.body}`).toBeDefined();
      expect(`${res.json().imsx_description} ${entry![field]}`).toMatch(reason);
      expect((await byId(doc.id)).statusCode).toBe(404);
    }
    // An unknown context only inside an embedded credential is refused the same way.
    const nested = await submission('urn:uuid:6f0c7a52-0000-4000-8000-0000000000c1');
    nested.credentialSubject.verifiableCredential[0]['@context'].push(UNKNOWN_CONTEXT);
    const res = await upsert(nested);
    expect(res.statusCode).toBe(422);
    expect(res.json().imsx_description).toContain(UNKNOWN_CONTEXT);
    expect(await adminTotal()).toBe(before);
  });

  it('needs the upsert scope; another client cannot replace a credential it did not upsert', async () => {
    const body = await submission('urn:uuid:6f0c7a52-0000-4000-8000-000000000001');
    expect((await upsert(body, readOnlyA)).statusCode).toBe(403);
    expect((await upsert(body, null)).statusCode).toBe(401);
    const other = await upsert(body, clientB);
    expect(other.statusCode).toBe(403);
    expect((await byId(body.id, clientA)).json().name).toBe('Sample Transcript (revised)');
  });
});

describe('GET /credentials and /credentials/{id}', () => {
  const ids = ['https://school.example/credentials/a/1', 'https://school.example/credentials/a/2', 'urn:uuid:6f0c7a52-0000-4000-8000-00000000000a'];
  beforeAll(async () => {
    for (const [i, id] of ids.entries())
      expect((await upsert(await submission(id, i === 2 ? 'did:example:learner-2' : 'did:example:learner-1'), clientA)).statusCode).toBe(201);
    expect((await upsert(await submission('https://school.example/credentials/b/1', 'did:example:learner-2'), clientB)).statusCode).toBe(201);
  });

  it('pages with X-Total-Count and Link; a read-only client sees only what its client upserted', async () => {
    const all = await ctx.request('GET', `${CLR}/credentials?limit=2&offset=0`, { token: readOnlyA });
    expect(all.statusCode).toBe(200);
    expect(all.headers['x-total-count']).toBe('4'); // the first test's credential + 3
    expect(all.json().credential).toHaveLength(2);
    expect(all.headers.link).toContain('rel="next"');
    expect(all.headers.link).toContain('offset=2');
    const last = await ctx.request('GET', `${CLR}/credentials?limit=2&offset=2`, { token: readOnlyA });
    expect(last.json().credential).toHaveLength(2);
    expect(last.headers.link).toContain('rel="prev"');
    expect(last.headers.link).not.toContain('rel="next"');
    const seen = [...all.json().credential, ...last.json().credential].map((c: Json) => c.id);
    expect(seen).not.toContain('https://school.example/credentials/b/1');
    expect(new Set(seen).size).toBe(4);

    const b = await ctx.request('GET', `${CLR}/credentials`, { token: clientB });
    expect(b.json().credential.map((c: Json) => c.id)).toEqual(['https://school.example/credentials/b/1']);
    const admin = await ctx.request('GET', `${CLR}/credentials?limit=5000`);
    expect(admin.statusCode).toBe(200);
    expect(admin.headers['x-total-count']).toBe('5');

    for (const bad of ['limit=-1', 'offset=-1', 'limit=0', 'limit=x', 'since=yesterday']) {
      const res = await ctx.request('GET', `${CLR}/credentials?${bad}`);
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('filters by subject, issuer and since', async () => {
    const subject = await ctx.request('GET', `${CLR}/credentials?subject=${encodeURIComponent('did:example:learner-2')}`);
    expect(
      subject
        .json()
        .credential.map((c: Json) => c.id)
        .sort(),
    ).toEqual(['https://school.example/credentials/b/1', ids[2]]);
    const subjectA = await ctx.request('GET', `${CLR}/credentials?subject=${encodeURIComponent('did:example:learner-2')}`, { token: readOnlyA });
    expect(subjectA.json().credential.map((c: Json) => c.id)).toEqual([ids[2]]);
    const issuer = (await ctx.request('GET', `${CLR}/profile`)).json().id;
    expect((await ctx.request('GET', `${CLR}/credentials?issuer=${encodeURIComponent(issuer)}`)).headers['x-total-count']).toBe('5');
    expect((await ctx.request('GET', `${CLR}/credentials?issuer=did:example:nobody`)).json().credential).toEqual([]);
    expect((await ctx.request('GET', `${CLR}/credentials?since=2999-01-01T00:00:00Z`)).json().credential).toEqual([]);
    expect((await ctx.request('GET', `${CLR}/credentials?since=2000-01-01T00:00:00Z`)).headers['x-total-count']).toBe('5');
  });

  it('gets one by URL-encoded id with the same visibility; 404 otherwise', async () => {
    const one = await byId(ids[0]!, readOnlyA);
    expect(one.statusCode).toBe(200);
    expect(one.json().id).toBe(ids[0]);
    expect((await byId('https://school.example/credentials/b/1', readOnlyA)).statusCode).toBe(404);
    expect((await byId('https://school.example/credentials/b/1')).statusCode).toBe(200);
    const missing = await byId('urn:uuid:00000000-0000-4000-8000-999999999999');
    expect(missing.statusCode).toBe(404);
    expect(codeMinor(missing)).toBe('unknownobject');
  });
});

describe('POST /credentials/verify', () => {
  it('answers valid for what the platform signed and invalid for a tampered copy', async () => {
    const signed = (await byId('https://school.example/credentials/a/1')).json();
    const ok = await ctx.request('POST', `${CLR}/credentials/verify`, { body: signed, token: readOnlyA });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ valid: true, errors: [] });
    expect(ok.json().checks).toEqual(expect.arrayContaining(['schema: valid ClrCredential', 'validity window: current']));
    expect(ok.json().checks.some((c: string) => c.startsWith('embedded credential [0]'))).toBe(true);

    const inner = await ctx.request('POST', `${CLR}/credentials/verify`, { body: signed.credentialSubject.verifiableCredential[0] });
    expect(inner.json()).toMatchObject({ valid: true });
    expect(inner.json().checks).toContain('schema: valid AchievementCredential');

    const bad = await ctx.request('POST', `${CLR}/credentials/verify`, { body: { ...signed, name: 'Forged' } });
    expect(bad.json().valid).toBe(false);
    expect(bad.json().errors.some((e: string) => e.startsWith('proof:'))).toBe(true);
    expect((await ctx.request('POST', `${CLR}/credentials/verify`, { body: signed, token: null })).statusCode).toBe(401);
  });
});

describe('learner CLR from the gradebook', () => {
  let id: (s: string) => string;
  beforeAll(async () => {
    const seeded = await seedGradebook(ctx, 'lc');
    id = seeded.id;
    const { ok } = seeded;
    await ok('POST', '/ims/oneroster/rostering/v1p2/enrollments', {
      enrollment: { sourcedId: id('e-bart-2'), role: 'student', user: { sourcedId: id('bart') }, class: { sourcedId: id('class2') } },
    });
    const objectives = [{ source: 'case', learningObjectiveIds: ['LO-ALG-1'] }];
    await ok('PUT', `${GRADEBOOK}/lineItems/${id('li-1')}`, {
      lineItem: lineItemBody(id, { title: 'Homework 1', resultValueMin: 0, resultValueMax: 100, learningObjectiveSet: objectives }),
    });
    await ok('PUT', `${GRADEBOOK}/lineItems/${id('li-2')}`, { lineItem: lineItemBody(id, { title: 'Final exam', category: { sourcedId: id('cat-test') } }) });
    await ok('PUT', `${GRADEBOOK}/lineItems/${id('li-art')}`, { lineItem: lineItemBody(id, { title: 'Portfolio', class: { sourcedId: id('class2') } }) });
    await ok('PUT', `${GRADEBOOK}/results/${id('r-bart-1')}`, { result: resultBody(id, id('li-1'), id('bart'), { score: 87 }) });
    await ok('PUT', `${GRADEBOOK}/results/${id('r-bart-2')}`, { result: resultBody(id, id('li-2'), id('bart'), { scoreStatus: 'exempt', score: null }) });
    await ok('PUT', `${GRADEBOOK}/results/${id('r-bart-art')}`, {
      result: resultBody(id, id('li-art'), id('bart'), { scoreStatus: 'partially graded', score: 40 }),
    });
    await ok('PUT', `${GRADEBOOK}/results/${id('r-lisa-1')}`, { result: resultBody(id, id('li-1'), id('lisa'), { score: 99 }) });
  });

  it('one AchievementCredential per completed class, signed, stored, verifiable in a separate process', { timeout: 60_000 }, async () => {
    const res = await ctx.request('POST', `${CLR}/learners/${id('bart')}/clr`, { token: clientA });
    expect(res.statusCode, res.body).toBe(201);
    const clr = res.json();
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr.credentialSubject.identifier).toEqual([{ type: 'IdentityObject', identityHash: id('bart'), identityType: 'oneRosterSourcedId', hashed: false }]);
    const embedded: Json[] = clr.credentialSubject.verifiableCredential;
    expect(embedded).toHaveLength(1); // Art has a partially graded item
    const achievement = embedded[0]!.credentialSubject.achievement;
    expect(achievement).toMatchObject({
      achievementType: 'Course',
      name: 'Algebra I',
      id: `https://learnstack.test/ims/oneroster/rostering/v1p2/courses/${id('course')}`,
    });
    expect(achievement.resultDescription.map((r: Json) => r.name)).toEqual(['Homework 1', 'Final exam']);
    expect(achievement.alignment).toEqual([expect.objectContaining({ targetName: 'LO-ALG-1', targetType: 'CFItem' })]);
    expect(embedded[0]!.credentialSubject.result.map((r: Json) => r.value)).toEqual(['87', 'exempt']);
    expect(embedded[0]!.issuer.id).toBe(clr.issuer.id);

    expect((await byId(clr.id, clientA)).json()).toEqual(clr);
    const own = await ctx.request('POST', `${CLR}/credentials/verify`, { body: clr });
    expect(own.json().errors).toEqual([]);

    const forged = structuredClone(clr);
    forged.credentialSubject.verifiableCredential[0].credentialSubject.result[0].value = '100';
    const v = await verdicts([
      { name: 'clr', credential: clr },
      { name: 'embedded', credential: embedded[0] },
      { name: 'forged score', credential: forged },
    ]);
    expect(v.clr).toMatchObject({ verified: true });
    expect(v.embedded).toMatchObject({ verified: true });
    expect(v['forged score']!.verified).toBe(false);
  });

  it('rebuilding after another class is completed replaces the stored CLR (200) with both classes', async () => {
    const graded = await ctx.request('PUT', `${GRADEBOOK}/results/${id('r-bart-art')}`, {
      body: { result: resultBody(id, id('li-art'), id('bart'), { score: 75 }) },
    });
    expect(graded.statusCode).toBeLessThan(300);
    const res = await ctx.request('POST', `${CLR}/learners/${id('bart')}/clr`, { token: clientA });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().credentialSubject.verifiableCredential).toHaveLength(2);
  });

  it('404 for an unknown user, 422 for a learner without a completed class', async () => {
    const unknown = await ctx.request('POST', `${CLR}/learners/nobody/clr`);
    expect(unknown.statusCode).toBe(404);
    const before = await adminTotal();
    const none = await ctx.request('POST', `${CLR}/learners/${id('lisa')}/clr`);
    expect(none.statusCode).toBe(422);
    expect(none.json().imsx_description).toContain('no completed class');
    expect(await adminTotal()).toBe(before);
    expect((await ctx.request('POST', `${CLR}/learners/${id('bart')}/clr`, { token: readOnlyA })).statusCode).toBe(403);
  });
});

describe('publisher profile, did:web and key rotation', () => {
  it('GET/PUT profile; PUT needs credential.admin and accepts only the platform DIDs', async () => {
    const initial = (await ctx.request('GET', `${CLR}/profile`, { token: readOnlyA })).json();
    expect(initial).toMatchObject({ type: ['Profile'], name: 'Learnstack', url: 'https://learnstack.test' });
    const body = { id: initial.id, name: 'Springfield District', url: 'https://springfield.example', email: 'registrar@springfield.example' };
    expect((await ctx.request('PUT', `${CLR}/profile`, { body, token: clientA })).statusCode).toBe(403);
    const put = await ctx.request('PUT', `${CLR}/profile`, { body, token: await ctx.token('clr:credential.admin') });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ ...body, type: ['Profile'] });
    const foreign = await ctx.request('PUT', `${CLR}/profile`, { body: { ...body, id: 'did:web:evil.example' } });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().imsx_error_details).toEqual([{ id: expect.stringContaining('did:web:evil.example') }]);
    const signed = (await upsert(await submission('urn:uuid:6f0c7a52-0000-4000-8000-0000000000d1'))).json();
    expect(signed.issuer).toEqual({ ...body, type: ['Profile'] });
  });

  it('serves the did:web document; credentials signed as did:web verify, also after rotation', { timeout: 60_000 }, async () => {
    const didDoc = await ctx.request('GET', '/.well-known/did.json', { token: null });
    expect(didDoc.statusCode).toBe(200);
    expect(didDoc.json().id).toBe('did:web:learnstack.test');
    expect(didDoc.body).not.toContain('secretKeyMultibase');
    expect(didDoc.json().verificationMethod).toHaveLength(1);

    const web = await ctx.request('PUT', `${CLR}/profile`, { body: { id: 'did:web:learnstack.test', name: 'Springfield District' } });
    expect(web.statusCode, web.body).toBe(200);
    const signed = await upsert(await submission('urn:uuid:6f0c7a52-0000-4000-8000-0000000000e1'));
    expect(signed.statusCode).toBe(201);
    expect(signed.json().issuer.id).toBe('did:web:learnstack.test');
    expect(didDoc.json().assertionMethod).toContain(signed.json().proof.verificationMethod);
    const didKeySigned = (await byId('https://school.example/credentials/a/1')).json();

    await rotateSigningKey(ctx.db, CLR_KEY_PURPOSE);
    const rotated = (await ctx.request('GET', '/.well-known/did.json', { token: null })).json();
    expect(rotated.verificationMethod).toHaveLength(2);
    for (const credential of [signed.json(), didKeySigned]) {
      const check = await ctx.request('POST', `${CLR}/credentials/verify`, { body: credential });
      expect(check.json().errors, JSON.stringify(check.json())).toEqual([]);
    }
    const next = await upsert(await submission('urn:uuid:6f0c7a52-0000-4000-8000-0000000000e2'));
    expect(next.json().proof.verificationMethod).not.toBe(signed.json().proof.verificationMethod);
    expect((await ctx.request('POST', `${CLR}/credentials/verify`, { body: next.json() })).json().valid).toBe(true);
  });
});
