/** X-Forwarded-* shape every href and the discovery `servers`: believed only from the proxies TRUST_PROXY names. */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext, ROSTER, type TestContext } from '../helpers.js';

const contexts: TestContext[] = [];
afterAll(async () => Promise.all(contexts.map((c) => c.close())));

async function serverUrl(trustProxy: boolean | string): Promise<string> {
  const ctx = await createTestContext({ publicBaseUrl: undefined, trustProxy });
  contexts.push(ctx);
  const res = await ctx.app.inject({
    method: 'GET',
    url: `${ROSTER}/discovery`,
    headers: { host: 'learnstack.internal', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
  });
  expect(res.statusCode).toBe(200);
  return res.json().servers[0].url;
}

describe('TRUST_PROXY', () => {
  it('off (the default): forwarded headers are ignored', async () => {
    expect(await serverUrl(false)).toBe(`http://learnstack.internal${ROSTER}`);
  });

  it('naming the proxy the request came from: they are believed', async () => {
    expect(await serverUrl('127.0.0.1')).toBe(`https://evil.example${ROSTER}`);
  });
});
