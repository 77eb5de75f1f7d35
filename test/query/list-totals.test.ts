/**
 * X-Total-Count is reused for a few seconds per process (src/platform/resource/list-totals.ts): the
 * server's own writes show at once, writes behind its back within the time-to-live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, ROSTER, type TestContext } from '../helpers.js';
import { ListTotals } from '../../src/platform/resource/list-totals.js';

const TTL_SECONDS = 1.5;
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ listTotalsTtlSeconds: TTL_SECONDS });
  for (const name of ['North', 'South', 'East']) {
    expect((await ctx.request('POST', `${ROSTER}/orgs`, { body: { org: { name, type: 'school' } } })).statusCode).toBe(201);
  }
});
afterAll(async () => ctx?.close());

/** A one-row page is full, so the server has to count. */
async function total(query = '') {
  const res = await ctx.request('GET', `${ROSTER}/orgs?limit=1${query}`);
  expect(res.statusCode).toBe(200);
  expect(res.json().orgs).toHaveLength(1);
  return Number(res.headers['x-total-count']);
}

const insertBehindTheServersBack = (name: string) =>
  ctx.db.drizzle.execute(sql`insert into orgs (sourced_id, name, type) values (${`direct-${name}`}, ${name}, 'school')`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('X-Total-Count reuse', () => {
  it("the server's own writes (POST, PUT, DELETE) change the total at once", async () => {
    const before = await total();
    const created = await ctx.request('POST', `${ROSTER}/orgs`, { body: { org: { name: 'West', type: 'school' } } });
    expect(created.statusCode).toBe(201);
    expect(await total()).toBe(before + 1);
    const id = created.json().sourcedIdPairs.allocatedSourcedId;
    expect((await ctx.request('DELETE', `${ROSTER}/orgs/${id}`)).statusCode).toBe(204);
    expect(await total()).toBe(before);
    expect((await ctx.request('PUT', `${ROSTER}/orgs/${id}`, { body: { org: { name: 'West', type: 'school' } } })).statusCode).toBe(200);
    expect(await total()).toBe(before + 1);
  });

  it('a row written by someone else is counted once the time-to-live has passed', async () => {
    const before = await total();
    await insertBehindTheServersBack('Central');
    expect(await total()).toBe(before); // reused
    await sleep(TTL_SECONDS * 1000 + 100);
    expect(await total()).toBe(before + 1);
  });

  it('each filter has its own total, and limit/offset do not split it', async () => {
    const all = await total();
    expect(await total(`&filter=${encodeURIComponent("name='North'")}`)).toBe(1);
    expect(await total(`&filter=${encodeURIComponent("name~'th'")}`)).toBe(2); // North, South
    expect(await total('&offset=1')).toBe(all);
  });

  it('with a time-to-live of 0 every request counts', async () => {
    const exact = await createTestContext({ listTotalsTtlSeconds: 0 });
    try {
      const list = async () => Number((await exact.request('GET', `${ROSTER}/orgs?limit=1`)).headers['x-total-count']);
      expect((await exact.request('POST', `${ROSTER}/orgs`, { body: { org: { name: 'A', type: 'school' } } })).statusCode).toBe(201);
      expect((await exact.request('POST', `${ROSTER}/orgs`, { body: { org: { name: 'B', type: 'school' } } })).statusCode).toBe(201);
      expect(await list()).toBe(2);
      await exact.db.drizzle.execute(sql`insert into orgs (sourced_id, name, type) values ('direct-c', 'C', 'school')`);
      expect(await list()).toBe(3);
    } finally {
      await exact.close();
    }
  });
});

describe('ListTotals', () => {
  it('does not keep a count that was running while a write finished', async () => {
    const totals = new ListTotals(60_000);
    let release!: () => void;
    const slow = totals.total('k', () => new Promise<number>((resolve) => (release = () => resolve(1))));
    totals.forget(); // a write finished while the count ran
    release();
    expect(await slow).toBe(1);
    expect(await totals.total('k', async () => 2)).toBe(2);
    expect(await totals.total('k', async () => 3)).toBe(2);
  });

  it('stays within its size bound, oldest out first', async () => {
    const totals = new ListTotals(60_000, 2);
    await totals.total('a', async () => 1);
    await totals.total('b', async () => 2);
    await totals.total('c', async () => 3);
    expect(await totals.total('a', async () => 10)).toBe(10);
    expect(await totals.total('c', async () => 30)).toBe(3);
  });
});
