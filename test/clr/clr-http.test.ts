/** Without an https PUBLIC_BASE_URL there is no did:web: the publisher is its did:key only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, type TestContext } from '../helpers.js';

const CLR = '/ims/clr/v2p0';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ publicBaseUrl: 'http://localhost:8080' });
});
afterAll(async () => ctx?.close());

describe('http base URL', () => {
  it('has no DID document and refuses a did:web profile id', async () => {
    const doc = await ctx.request('GET', '/.well-known/did.json', { token: null });
    expect(doc.statusCode).toBe(404);
    expect(codeMinor(doc)).toBe('unknownobject');
    const profile = (await ctx.request('GET', `${CLR}/profile`)).json();
    expect(profile.id).toMatch(/^did:key:z6Mk/);
    const web = await ctx.request('PUT', `${CLR}/profile`, { body: { id: 'did:web:localhost%3A8080', name: 'X' } });
    expect(web.statusCode).toBe(422);
    expect((await ctx.request('PUT', `${CLR}/profile`, { body: { id: profile.id, name: 'X' } })).json()).toEqual({
      id: profile.id,
      type: ['Profile'],
      name: 'X',
    });
  });
});
