import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, type TestContext } from '../helpers.js';
import { GRADEBOOK, lineItemBody, resultBody, seedGradebook } from './gradebook-fixtures.js';

let ctx: TestContext;
let id: (s: string) => string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedGradebook(ctx, 'b'));
  for (const [key, cls] of [
    ['li-1', 'class'],
    ['li-art', 'class2'],
  ]) {
    const res = await ctx.request('PUT', `${GRADEBOOK}/lineItems/${id(key)}`, { body: { lineItem: lineItemBody(id, { class: { sourcedId: id(cls) } }) } });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => ctx?.close());

const post = (url: string, body: unknown) => ctx.request('POST', `${GRADEBOOK}${url}`, { body });
const exists = async (collection: string, sourcedId: string) => (await ctx.request('GET', `${GRADEBOOK}/${collection}/${sourcedId}`)).statusCode === 200;
const errorFields = (res: { json(): { imsx_error_details?: Record<string, string>[] } }) =>
  (res.json().imsx_error_details ?? []).flatMap((d) => Object.keys(d));
/** Nothing of the batch was written. */
const noneExist = async (collection: string, sourcedIds: string[]) => {
  for (const sourcedId of sourcedIds) expect(await exists(collection, sourcedId), sourcedId).toBe(false);
};

describe('POST /classes/{id}/lineItems', () => {
  it('creates every row with the class from the path and answers one pair per row', async () => {
    const res = await post(`/classes/${id('class')}/lineItems`, {
      lineItems: [
        { ...lineItemBody(id), sourcedId: id('c-1'), class: undefined },
        { ...lineItemBody(id, { title: 'Second' }), sourcedId: id('c-2') },
        { ...lineItemBody(id, { title: 'Third' }), class: undefined },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const pairs = res.json().sourcedIdPairs;
    expect(pairs).toHaveLength(3);
    expect(pairs[0]).toEqual({ suppliedSourcedId: id('c-1'), allocatedSourcedId: id('c-1') });
    expect(pairs[2].allocatedSourcedId).toMatch(/^[0-9a-f-]{36}$/);
    const third = (await ctx.request('GET', `${GRADEBOOK}/lineItems/${pairs[2].allocatedSourcedId}`)).json().lineItem;
    expect(third).toMatchObject({ title: 'Third', class: { sourcedId: id('class') }, school: { sourcedId: id('school') } });
  });

  it('more rows than MAX_BULK_ROWS (1000) → 400 naming the array, nothing written', async () => {
    const ids = Array.from({ length: 1001 }, (_, n) => id(`li-many-${n}`));
    const res = await post(`/classes/${id('class')}/lineItems`, { lineItems: ids.map((sourcedId) => lineItemBody(id, { sourcedId })) });
    expect(res.statusCode).toBe(400);
    expect(codeMinor(res)).toBe('invaliddata');
    expect(res.json().imsx_description).toContain('lineItems');
    await noneExist('lineItems', [ids[0], ids[1000]]);
    const ok = await post(`/classes/${id('class')}/lineItems`, { lineItems: ids.slice(0, 1000).map((sourcedId) => lineItemBody(id, { sourcedId })) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().sourcedIdPairs).toHaveLength(1000);
  });

  it('one row with a missing reference → 422 naming the row and field, and nothing written', async () => {
    const res = await post(`/classes/${id('class')}/lineItems`, {
      lineItems: [
        { ...lineItemBody(id), sourcedId: id('x-1') },
        { ...lineItemBody(id), sourcedId: id('x-2') },
        { ...lineItemBody(id, { category: { sourcedId: 'no-such-category' } }), sourcedId: id('x-3') },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(codeMinor(res)).toBe('invaliddata');
    expect(errorFields(res)).toEqual(['lineItems[2].category']);
    expect(res.json().imsx_description).toContain('lineItems[2].category');
    await noneExist('lineItems', [id('x-1'), id('x-2'), id('x-3')]);
  });

  it('a row naming another class → 422; a malformed row → 400 naming it; nothing written', async () => {
    const otherClass = await post(`/classes/${id('class')}/lineItems`, {
      lineItems: [
        { ...lineItemBody(id), sourcedId: id('y-1') },
        { ...lineItemBody(id, { class: { sourcedId: id('class2') } }), sourcedId: id('y-2') },
      ],
    });
    expect(otherClass.statusCode).toBe(422);
    expect(errorFields(otherClass)).toEqual(['lineItems[1].class']);
    const malformed = await post(`/classes/${id('class')}/lineItems`, {
      lineItems: [
        { ...lineItemBody(id), sourcedId: id('y-3') },
        { ...lineItemBody(id), title: undefined, sourcedId: id('y-4') },
      ],
    });
    expect(malformed.statusCode).toBe(400);
    expect(errorFields(malformed)).toContain('lineItems[1].title');
    const duplicate = await post(`/classes/${id('class')}/lineItems`, {
      lineItems: [
        { ...lineItemBody(id), sourcedId: id('y-5') },
        { ...lineItemBody(id), sourcedId: id('y-5') },
      ],
    });
    expect(duplicate.statusCode).toBe(422);
    expect(errorFields(duplicate)).toEqual(['lineItems[1].sourcedId']);
    expect((await post(`/classes/${id('class')}/lineItems`, { lineItems: [] })).statusCode).toBe(400);
    await noneExist('lineItems', [id('y-1'), id('y-2'), id('y-3'), id('y-4'), id('y-5')]);
  });

  it('404 for an unknown class', async () => {
    const res = await post('/classes/nope/lineItems', { lineItems: [lineItemBody(id)] });
    expect(res.statusCode).toBe(404);
    expect(codeMinor(res)).toBe('unknownobject');
  });
});

describe('POST /schools/{id}/lineItems', () => {
  it('creates rows with the school from the path', async () => {
    const res = await post(`/schools/${id('school')}/lineItems`, { lineItems: [{ ...lineItemBody(id), sourcedId: id('s-1') }] });
    expect(res.statusCode, res.body).toBe(201);
    expect((await ctx.request('GET', `${GRADEBOOK}/lineItems/${id('s-1')}`)).json().lineItem.school.sourcedId).toBe(id('school'));
  });

  it('refuses a row naming another school, and unknown schools', async () => {
    const res = await post(`/schools/${id('school')}/lineItems`, {
      lineItems: [
        { ...lineItemBody(id), sourcedId: id('s-2') },
        { ...lineItemBody(id, { school: { sourcedId: id('school2') } }), sourcedId: id('s-3') },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(errorFields(res)).toEqual(['lineItems[1].school']);
    await noneExist('lineItems', [id('s-2'), id('s-3')]);
    expect((await post('/schools/nope/lineItems', { lineItems: [lineItemBody(id)] })).statusCode).toBe(404);
  });
});

describe('POST /lineItems/{id}/results', () => {
  it('creates results on the line item of the path', async () => {
    const row = (student: string, sourcedId: string) => {
      const { lineItem: _lineItem, ...rest } = resultBody(id, '', id(student));
      return { ...rest, sourcedId: id(sourcedId) };
    };
    const res = await post(`/lineItems/${id('li-1')}/results`, { results: [row('bart', 'r-1'), row('lisa', 'r-2')] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sourcedIdPairs.map((p: { allocatedSourcedId: string }) => p.allocatedSourcedId)).toEqual([id('r-1'), id('r-2')]);
    const listed = await ctx.request('GET', `${GRADEBOOK}/classes/${id('class')}/lineItems/${id('li-1')}/results`);
    expect(listed.json().results.map((r: { sourcedId: string }) => r.sourcedId)).toEqual([id('r-1'), id('r-2')]);
  });

  it('a row for a non-student → 422 naming the row, and nothing written', async () => {
    const res = await post(`/lineItems/${id('li-1')}/results`, {
      results: [
        { ...resultBody(id, id('li-1'), id('milhouse')), sourcedId: id('r-3') },
        { ...resultBody(id, id('li-1'), id('homer')), sourcedId: id('r-4') },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(errorFields(res)).toEqual(['results[1].student']);
    await noneExist('results', [id('r-3'), id('r-4')]);
    const otherLineItem = await post(`/lineItems/${id('li-1')}/results`, { results: [resultBody(id, id('li-art'), id('bart'))] });
    expect(otherLineItem.statusCode).toBe(422);
    expect(errorFields(otherLineItem)).toEqual(['results[0].lineItem']);
    expect((await post('/lineItems/nope/results', { results: [resultBody(id, 'nope', id('bart'))] })).statusCode).toBe(404);
  });
});

describe('POST /classes/{id}/academicSessions/{id}/results', () => {
  const url = (cls: string, session: string) => `/classes/${cls}/academicSessions/${session}/results`;

  it("creates results on the class's line items", async () => {
    const res = await post(url(id('class'), id('term')), {
      results: [
        { ...resultBody(id, id('li-1'), id('milhouse')), sourcedId: id('t-1') },
        { ...resultBody(id, id('c-1'), id('bart'), { score: 120 }), sourcedId: id('t-2') },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await ctx.request('GET', `${GRADEBOOK}/results/${id('t-2')}`)).json().result).toMatchObject({ score: 120, class: { sourcedId: id('class') } });
  });

  it("refuses a row on another class's line item (nothing written), and unknown classes or sessions", async () => {
    const res = await post(url(id('class'), id('term')), {
      results: [
        { ...resultBody(id, id('c-2'), id('lisa')), sourcedId: id('t-3') },
        { ...resultBody(id, id('li-art'), id('lisa')), sourcedId: id('t-4') },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(errorFields(res)).toEqual(['results[1].class']);
    await noneExist('results', [id('t-3'), id('t-4')]);
    expect((await post(url('nope', id('term')), { results: [resultBody(id, id('li-1'), id('lisa'))] })).statusCode).toBe(404);
    expect((await post(url(id('class'), 'nope'), { results: [resultBody(id, id('li-1'), id('lisa'))] })).statusCode).toBe(404);
    const malformed = await post(url(id('class'), id('term')), { results: [{ ...resultBody(id, id('li-1'), id('lisa')), scoreStatus: 'done' }] });
    expect(malformed.statusCode).toBe(400);
    expect(errorFields(malformed).some((f) => f.startsWith('results[0].scoreStatus'))).toBe(true);
  });
});
