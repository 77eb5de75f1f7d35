/**
 * writeMany (src/platform/resource/resource.ts) as a plain function on a real database: set-based
 * creates and upserts, derived values and per-row hooks, errors that name the row, all or nothing.
 * The references it needs are seeded over HTTP; what it wrote is read back over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, ROSTER, type TestContext } from '../helpers.js';
import { GRADEBOOK, lineItemBody, resultBody, seedGradebook } from '../gradebook/gradebook-fixtures.js';
import { writeMany, type ResourceDef, type WriteManyOptions } from '../../src/platform/resource/resource.js';
import { rows } from '../../src/platform/db/database.js';
import { ImsxError } from '../../src/platform/errors.js';
import { results } from '../../src/oneroster/gradebook/results.resource.js';
import { lineItems } from '../../src/oneroster/gradebook/line-items.resource.js';
import { users } from '../../src/oneroster/rostering/users.resource.js';
import { enrollments } from '../../src/oneroster/rostering/enrollments.resource.js';
import { orgs } from '../../src/oneroster/rostering/orgs.resource.js';

let ctx: TestContext;
let id: (s: string) => string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedGradebook(ctx, 'w'));
  for (const [key, cls] of [
    ['li-1', 'class'],
    ['li-2', 'class'],
    ['li-art', 'class2'],
    ['li-gone', 'class'],
  ]) {
    const res = await ctx.request('PUT', `${GRADEBOOK}/lineItems/${id(key)}`, { body: { lineItem: lineItemBody(id, { class: { sourcedId: id(cls) } }) } });
    expect(res.statusCode, res.body).toBe(201);
  }
  expect((await ctx.request('DELETE', `${GRADEBOOK}/lineItems/${id('li-gone')}`)).statusCode).toBe(204);
});
afterAll(async () => ctx?.close());

type Row = Record<string, unknown>;
const write = (def: ResourceDef, batch: Row[], mode: 'create' | 'replace', options?: WriteManyOptions) =>
  ctx.db.transaction((tx) => writeMany(tx, def, batch, mode, options));
/** A result row: a student's score on a line item. */
const result = (sourcedId: string | undefined, lineItem: string, student: string, extra: Row = {}): Row => ({
  ...(sourcedId ? { sourcedId: id(sourcedId) } : {}),
  ...resultBody(id, id(lineItem), id(student)),
  ...extra,
});
const failure = async (work: Promise<unknown>): Promise<ImsxError> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof ImsxError) return error;
    throw error;
  }
  throw new Error('written without an error');
};
/** Which of these sourcedIds a table holds, whatever their status. */
const stored = async (table: string, sourcedIds: string[]) =>
  (
    await rows<{ sourced_id: string }>(
      ctx.db.drizzle,
      sql`select sourced_id from ${sql.identifier(table)} where sourced_id = any(${sql.param(sourcedIds)}::text[]) order by sourced_id`,
    )
  ).map((r) => r.sourced_id);
const named = (error: ImsxError) => ({ status: error.statusCode, codeMinor: error.codeMinor, fields: error.details.map((d) => d.field) });
const read = async (url: string) => {
  const res = await ctx.request('GET', url);
  expect(res.statusCode, `${url} → ${res.body}`).toBe(200);
  return res.json();
};

describe('create', () => {
  it('writes every row in one call; the rows read back over HTTP with their references and derived class', async () => {
    const written = await write(
      results,
      [result('c-1', 'li-1', 'bart'), result('c-2', 'li-1', 'lisa', { score: 72.5, late: 'true' }), result(undefined, 'li-art', 'milhouse')],
      'create',
    );
    expect(written.slice(0, 2)).toEqual([
      { sourcedId: id('c-1'), created: true },
      { sourcedId: id('c-2'), created: true },
    ]);
    expect(written[2]).toEqual({ sourcedId: expect.stringMatching(/^[0-9a-f-]{36}$/), created: true });

    const first = (await read(`${GRADEBOOK}/results/${id('c-1')}`)).result;
    expect(first).toEqual({
      sourcedId: id('c-1'),
      status: 'active',
      dateLastModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      lineItem: { href: `https://learnstack.test${GRADEBOOK}/lineItems/${id('li-1')}`, sourcedId: id('li-1'), type: 'lineItem' },
      student: { href: `https://learnstack.test${ROSTER}/users/${id('bart')}`, sourcedId: id('bart'), type: 'user' },
      class: { href: `https://learnstack.test${ROSTER}/classes/${id('class')}`, sourcedId: id('class'), type: 'class' },
      score: 90,
      scoreDate: '2026-09-09T10:15:00.000Z',
      scoreStatus: 'fully graded',
    });
    expect((await read(`${GRADEBOOK}/results/${id('c-2')}`)).result).toMatchObject({ score: 72.5, late: 'true', class: { sourcedId: id('class') } });
    // The class comes from each row's own line item.
    expect((await read(`${GRADEBOOK}/results/${written[2].sourcedId}`)).result.class.sourcedId).toBe(id('class2'));
  });

  it('writes 500 rows of one line item; its collection lists them all', async () => {
    const keys = Array.from({ length: 500 }, (_, i) => `many-${String(i).padStart(3, '0')}`);
    const students = ['bart', 'lisa', 'milhouse'];
    const written = await write(
      results,
      keys.map((key, i) => result(key, 'li-2', students[i % 3], { score: i })),
      'create',
    );
    expect(written.map((w) => w.sourcedId)).toEqual(keys.map(id));
    expect(written.every((w) => w.created)).toBe(true);
    const listed = await read(`${GRADEBOOK}/classes/${id('class')}/lineItems/${id('li-2')}/results?limit=1000&sort=score`);
    expect(listed.results).toHaveLength(500);
    expect(listed.results[499]).toMatchObject({ sourcedId: id('many-499'), score: 499, student: { sourcedId: id('lisa') }, class: { sourcedId: id('class') } });
  });

  it("line items take their class's school when they leave it out", async () => {
    await write(
      lineItems,
      [
        { ...lineItemBody(id), sourcedId: id('li-new-1') },
        { ...lineItemBody(id, { class: { sourcedId: id('class2') } }), sourcedId: id('li-new-2') },
      ],
      'create',
    );
    expect((await read(`${GRADEBOOK}/lineItems/${id('li-new-1')}`)).lineItem.school.sourcedId).toBe(id('school'));
    expect((await read(`${GRADEBOOK}/lineItems/${id('li-new-2')}`)).lineItem.school.sourcedId).toBe(id('school2'));
  });

  it('an empty batch writes nothing and answers an empty list', async () => {
    expect(await write(results, [], 'create')).toEqual([]);
    expect(await write(results, [], 'replace')).toEqual([]);
  });
});

describe('replace: an upsert', () => {
  it('updates the rows that exist (new dateLastModified), creates the others, and says which', async () => {
    await write(results, [result('u-1', 'li-1', 'bart'), result('u-2', 'li-1', 'lisa')], 'create');
    const before = async (key: string) => (await read(`${GRADEBOOK}/results/${id(key)}`)).result.dateLastModified as string;
    const [u1Before, u2Before] = [await before('u-1'), await before('u-2')];
    await new Promise((resolve) => setTimeout(resolve, 20));

    const written = await write(results, [result('u-3', 'li-1', 'milhouse'), result('u-1', 'li-1', 'bart', { score: 50, comment: 'redone' })], 'replace');
    expect(written).toEqual([
      { sourcedId: id('u-3'), created: true },
      { sourcedId: id('u-1'), created: false },
    ]);
    const u1 = (await read(`${GRADEBOOK}/results/${id('u-1')}`)).result;
    expect(u1).toMatchObject({ score: 50, comment: 'redone', class: { sourcedId: id('class') } });
    expect(u1.dateLastModified > u1Before).toBe(true);
    expect(await before('u-2')).toBe(u2Before);
    expect((await read(`${GRADEBOOK}/results/${id('u-3')}`)).result.student.sourcedId).toBe(id('milhouse'));
  });

  it('replaces every field: one left out is cleared, as a PUT does', async () => {
    await write(results, [result('u-4', 'li-1', 'bart', { comment: 'first', textScore: 'B' })], 'create');
    await write(results, [result('u-4', 'li-1', 'bart', { score: 88 })], 'replace');
    const u4 = (await read(`${GRADEBOOK}/results/${id('u-4')}`)).result;
    expect(u4.score).toBe(88);
    expect(u4.comment).toBeUndefined();
    expect(u4.textScore).toBeUndefined();
  });

  it('brings back a deleted row as active', async () => {
    await write(results, [result('u-5', 'li-1', 'lisa')], 'create');
    expect((await ctx.request('DELETE', `${GRADEBOOK}/results/${id('u-5')}`)).statusCode).toBe(204);
    expect(await write(results, [result('u-5', 'li-1', 'lisa', { score: 70 })], 'replace')).toEqual([{ sourcedId: id('u-5'), created: false }]);
    expect((await read(`${GRADEBOOK}/results/${id('u-5')}`)).result).toMatchObject({ status: 'active', score: 70 });
  });

  it("a line item moved to another class takes its results' class along (afterWrite per row)", async () => {
    await write(lineItems, [{ ...lineItemBody(id), sourcedId: id('li-move') }], 'create');
    await write(results, [result('m-1', 'li-move', 'bart')], 'create');
    const moved = await write(lineItems, [{ ...lineItemBody(id, { class: { sourcedId: id('class2') } }), sourcedId: id('li-move') }], 'replace');
    expect(moved).toEqual([{ sourcedId: id('li-move'), created: false }]);
    expect((await read(`${GRADEBOOK}/lineItems/${id('li-move')}`)).lineItem).toMatchObject({
      class: { sourcedId: id('class2') },
      school: { sourcedId: id('school2') },
    });
    expect((await read(`${GRADEBOOK}/results/${id('m-1')}`)).result.class.sourcedId).toBe(id('class2'));
  });
});

describe('errors name the row, and nothing of the batch is stored', () => {
  /** Runs a batch that must fail and checks that the table holds none of its rows it did not hold before. */
  const refused = async (batch: Row[], mode: 'create' | 'replace' = 'create', options?: WriteManyOptions, def: ResourceDef = results) => {
    const sourcedIds = batch.map((row) => row.sourcedId as string);
    const before = await stored(def.tableName, sourcedIds);
    const error = await failure(write(def, batch, mode, options));
    expect(await stored(def.tableName, sourcedIds)).toEqual(before);
    return error;
  };

  it('a missing required field → 400', async () => {
    const { scoreDate: _scoreDate, ...noScoreDate } = result('e-1b', 'li-1', 'lisa');
    const error = await refused([result('e-1a', 'li-1', 'bart'), noScoreDate]);
    expect(named(error)).toEqual({ status: 400, codeMinor: 'invaliddata', fields: ['results[1].scoreDate'] });
    expect(error.message).toBe('results[1].scoreDate: scoreDate is required.');
  });

  it('a reference to nothing → 422 naming the row and the field', async () => {
    const error = await refused([
      result('e-2a', 'li-1', 'bart'),
      result('e-2b', 'li-1', 'lisa'),
      { ...result('e-2c', 'li-1', 'lisa'), lineItem: { sourcedId: 'no-such' } },
    ]);
    expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['results[2].lineItem'] });
    expect(error.message).toBe("results[2].lineItem: references lineItem (active) 'no-such', which does not exist.");
  });

  it('a reference to a deleted line item → 422', async () => {
    const error = await refused([result('e-3a', 'li-1', 'bart'), result('e-3b', 'li-gone', 'bart')]);
    expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['results[1].lineItem'] });
    expect(error.message).toContain(`'${id('li-gone')}', which does not exist`);
  });

  it('a student who is not a student (the batch prepare hook) → 422', async () => {
    const error = await refused([result('e-4a', 'li-1', 'bart'), result('e-4b', 'li-1', 'homer'), result('e-4c', 'li-1', 'teacher')]);
    expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['results[1].student'] });
    expect(error.message).toBe(`results[1].student: user '${id('homer')}' does not hold the role student.`);
  });

  it("a class other than the line item's → 422", async () => {
    const error = await refused([
      result('e-5a', 'li-1', 'bart', { class: { sourcedId: id('class') } }),
      result('e-5b', 'li-1', 'lisa', { class: { sourcedId: id('class2') } }),
    ]);
    expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['results[1].class'] });
  });

  it('a sourcedId twice in the batch → 422 on the second, in either mode', async () => {
    for (const mode of ['create', 'replace'] as const) {
      const error = await refused([result('e-6a', 'li-1', 'bart'), result('e-6b', 'li-1', 'bart'), result('e-6a', 'li-1', 'lisa')], mode);
      expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['results[2].sourcedId'] });
      expect(error.message).toBe(`results[2].sourcedId: '${id('e-6a')}' is also the sourcedId of results[0].`);
    }
  });

  it('create: a sourcedId that exists → 422 (the existing row untouched)', async () => {
    await write(results, [result('x-1', 'li-1', 'bart', { score: 10 })], 'create');
    const error = await refused([result('e-7a', 'li-1', 'bart'), result('x-1', 'li-1', 'lisa', { score: 99 })]);
    expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['results[1].sourcedId'] });
    expect(error.message).toBe(`results[1].sourcedId: a Result with sourcedId '${id('x-1')}' already exists.`);
    expect((await read(`${GRADEBOOK}/results/${id('x-1')}`)).result).toMatchObject({ score: 10, student: { sourcedId: id('bart') } });
  });

  it('rowName names the rows', async () => {
    const rowName = (index: number) => `row ${index + 1}`;
    const missing = await refused([result('e-8a', 'li-1', 'bart'), { ...result('e-8b', 'li-1', 'bart'), student: { sourcedId: 'nobody' } }], 'create', {
      rowName,
    });
    expect(named(missing)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['row 2.student'] });
    const notStudent = await refused([result('e-8c', 'li-1', 'homer')], 'create', { rowName });
    expect(named(notStudent).fields).toEqual(['row 1.student']);
    const twice = await refused([result('e-8d', 'li-1', 'bart'), result('e-8d', 'li-1', 'bart')], 'create', { rowName });
    expect(twice.message).toBe(`row 2.sourcedId: '${id('e-8d')}' is also the sourcedId of row 1.`);
  });

  it('a reference to a row of the same batch → 422: references are checked before the insert, so parents go in an earlier batch', async () => {
    const batch = [
      { sourcedId: id('e-10a'), name: 'New district', type: 'district' },
      { sourcedId: id('e-10b'), name: 'New school', type: 'school', parent: { sourcedId: id('e-10a') } },
    ];
    const error = await refused(batch, 'create', undefined, orgs);
    expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['orgs[1].parent'] });
  });

  it('a failure after the insert (a per-row hook) rolls the whole batch back', async () => {
    const user = (key: string, org: string): Row => ({
      sourcedId: id(key),
      givenName: key,
      familyName: 'Batch',
      roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: org } }],
    });
    const error = await refused([user('e-9a', id('school')), user('e-9b', 'no-such-org')], 'create', undefined, users);
    expect(named(error)).toEqual({ status: 422, codeMinor: 'invaliddata', fields: ['users[1].roles[0].org'] });
    expect(await stored('users', [id('e-9a'), id('e-9b')])).toEqual([]);
    expect(await rows(ctx.db.drizzle, sql`select 1 from user_roles where user_sourced_id = any(${sql.param([id('e-9a'), id('e-9b')])}::text[])`)).toEqual([]);
  });
});

describe('hooks per row', () => {
  it('users with roles: user_roles written for each, so they are students that results accept', async () => {
    const user = (key: string, role: string, school: string): Row => ({
      sourcedId: id(key),
      givenName: key,
      familyName: 'Hooked',
      roles: [
        { roleType: 'primary', role, org: { sourcedId: id(school) } },
        { roleType: 'secondary', role: 'aide', org: { sourcedId: id('school2') } },
      ],
    });
    const written = await write(users, [user('h-1', 'student', 'school'), user('h-2', 'teacher', 'school'), user('h-3', 'student', 'school2')], 'create');
    expect(written.map((w) => w.created)).toEqual([true, true, true]);
    const h1 = (await read(`${ROSTER}/users/${id('h-1')}`)).user;
    expect(h1.roles).toEqual([
      { roleType: 'primary', role: 'student', org: { href: `https://learnstack.test${ROSTER}/orgs/${id('school')}`, sourcedId: id('school'), type: 'org' } },
      { roleType: 'secondary', role: 'aide', org: { href: `https://learnstack.test${ROSTER}/orgs/${id('school2')}`, sourcedId: id('school2'), type: 'org' } },
    ]);
    const listed = await read(`${ROSTER}/students?filter=${encodeURIComponent("familyName='Hooked'")}`);
    expect(listed.users.map((u: { sourcedId: string }) => u.sourcedId)).toEqual([id('h-1'), id('h-3')]);

    await write(results, [result('h-r1', 'li-1', 'h-1'), result('h-r3', 'li-1', 'h-3')], 'create');
    expect(named(await failure(write(results, [result('h-r2', 'li-1', 'h-2')], 'create'))).fields).toEqual(['results[0].student']);

    // Replacing a user replaces its roles.
    await write(
      users,
      [{ ...user('h-2', 'student', 'school'), roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: id('school') } }] }],
      'replace',
    );
    expect((await read(`${ROSTER}/users/${id('h-2')}`)).user.roles.map((r: { role: string }) => r.role)).toEqual(['student']);
  });

  it('enrollments (a per-row prepare hook) take their class’s school', async () => {
    const written = await write(
      enrollments,
      [
        { sourcedId: id('en-1'), role: 'student', user: { sourcedId: id('milhouse') }, class: { sourcedId: id('class') } },
        { sourcedId: id('en-2'), role: 'student', user: { sourcedId: id('milhouse') }, class: { sourcedId: id('class2') } },
      ],
      'create',
    );
    expect(written).toHaveLength(2);
    expect((await read(`${ROSTER}/enrollments/${id('en-1')}`)).enrollment.school.sourcedId).toBe(id('school'));
    expect((await read(`${ROSTER}/enrollments/${id('en-2')}`)).enrollment).toMatchObject({
      school: { sourcedId: id('school2') },
      course: { sourcedId: id('course') },
    });
  });
});
