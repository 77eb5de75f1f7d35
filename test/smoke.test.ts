import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, seedRoster, ROSTER, type TestContext } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedRoster(ctx, 's');
});
afterAll(async () => ctx?.close());

describe('smoke', () => {
  it('lists users', async () => {
    const res = await ctx.request('GET', `${ROSTER}/users?sort=familyName&fields=sourcedId,familyName,roles`);
    expect(res.statusCode).toBe(200);
    console.log(JSON.stringify(res.json(), null, 1).slice(0, 1500), res.headers);
  });
});
