/** JSON bodies: a documented depth limit (MAX_JSON_DEPTH) answered with 400 before any work, never a stack overflow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, ROSTER, type TestContext } from '../helpers.js';
import { depthExceeds } from '../../src/platform/json-body.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** `{"a":{"a":…{}}}` with `levels` objects, as text (a deep value cannot be built by JSON.stringify without recursion limits). */
const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

describe('depthExceeds', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(depthExceeds({ a: 1 }, 1)).toBe(false);
    expect(depthExceeds({ a: { b: 1 } }, 1)).toBe(true);
    expect(depthExceeds([[[]]], 3)).toBe(false);
    expect(depthExceeds([[[]]], 2)).toBe(true);
    expect(depthExceeds('text', 1)).toBe(false);
    expect(depthExceeds(JSON.parse(nested(10_000)), 64)).toBe(true);
  });
});

describe('POST bodies', () => {
  const post = async (payload: string, contentType = 'application/json') =>
    ctx.app.inject({
      method: 'POST',
      url: `${ROSTER}/orgs`,
      headers: { authorization: `Bearer ${await ctx.admin()}`, 'content-type': contentType },
      payload,
    });

  it('nested 4,200 levels deep in metadata → 400 naming the limit, nothing written', async () => {
    const res = await post(`{"org":{"sourcedId":"deep","name":"Deep","type":"district","metadata":${nested(4200)}}}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(codeMinor(res)).toBe('invaliddata');
    expect(res.json().imsx_description).toContain('MAX_JSON_DEPTH');
    expect((await ctx.request('GET', `${ROSTER}/orgs/deep`)).statusCode).toBe(404);
  });

  it('within the limit (64 levels, envelope included) is written; application/*+json bodies are limited too', async () => {
    const ok = await post(`{"org":{"sourcedId":"deep-ok","name":"Deep","type":"district","metadata":${nested(61)}}}`);
    expect(ok.statusCode, ok.body).toBe(201);
    const vc = await post(`{"org":{"name":"Deep","type":"district","metadata":${nested(100)}}}`, 'application/vc+ld+json');
    expect(vc.statusCode).toBe(400);
  });
});
