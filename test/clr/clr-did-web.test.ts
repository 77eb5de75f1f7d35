/** did:web under a PUBLIC_BASE_URL with a path: the DID gets path segments and its document is served at `<path>/did.json`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers.js';
import { achievementCredential, clrCredential } from './synthetic.js';

const CLR = '/ims/clr/v2p0';
const DID = 'did:web:learnstack.test:district';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ publicBaseUrl: 'https://learnstack.test/district' });
});
afterAll(async () => ctx?.close());

describe('did:web with a path', () => {
  it('serves the same DID document at <path>/did.json and /.well-known/did.json, and signs as that DID', async () => {
    for (const url of ['/district/did.json', '/.well-known/did.json']) {
      const res = await ctx.request('GET', url, { token: null });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('application/did+json');
      expect(res.json()).toMatchObject({ id: DID, assertionMethod: [expect.stringMatching(new RegExp(`^${DID}#z6Mk`))] });
    }
    const put = await ctx.request('PUT', `${CLR}/profile`, { body: { id: DID, name: 'District' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ id: DID, type: ['Profile'], name: 'District' });

    const body = clrCredential('https://ignored.example', 'did:example:learner', [achievementCredential(1, 'https://school.example', 'did:example:learner')]);
    const signed = await ctx.request('POST', `${CLR}/credentials`, { body });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().issuer.id).toBe(DID);
    const check = (await ctx.request('POST', `${CLR}/credentials/verify`, { body: signed.json() })).json();
    expect(check.checks.some((c: string) => c.startsWith('proof: eddsa-rdfc-2022 signature valid'))).toBe(true);
    // The synthetic embedded credential is unsigned: the only error.
    expect(check.errors).toEqual([expect.stringContaining('has no proof')]);
  });
});
