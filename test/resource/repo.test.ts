/** repo(resource): typed reads and set-based writes for business code, with the HTTP lists' visibility rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, seedRoster, ROSTER, type TestContext } from '../helpers.js';
import { repo } from '../../src/platform/resource/repo.js';
import { enrollments } from '../../src/oneroster/rostering/enrollments.resource.js';
import { schools } from '../../src/oneroster/rostering/orgs.resource.js';
import { users } from '../../src/oneroster/rostering/users.resource.js';
import { courseComponents } from '../../src/oneroster/course-structure/course-components.resource.js';

let ctx: TestContext;
let id: (s: string) => string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'repo'));
});
afterAll(async () => ctx?.close());

describe('repo(resource)', () => {
  it('reads typed rows as the API serves them', async () => {
    const bart = await repo(users).get(ctx.db.drizzle, id('bart'));
    // Typed: the compiler knows givenName is a string and primaryOrg a GUIDRef.
    const given: string | undefined = bart?.givenName;
    expect(given).toBe('Bart');
    expect(bart?.roles).toEqual([expect.objectContaining({ role: 'student', org: expect.objectContaining({ sourcedId: id('school') }) })]);
    expect(await repo(users).get(ctx.db.drizzle, 'no-such-user')).toBeUndefined();
  });

  it('lists with the filter grammar, sort and paging, and hides deleted rows unless asked', async () => {
    const students = await repo(enrollments).list(ctx.db.drizzle, { filter: `class.sourcedId='${id('class')}' AND role='student'`, sort: 'sourcedId' });
    expect(students.map((e) => e.user?.sourcedId)).toEqual([id('bart'), id('lisa')]);
    expect(
      (await repo(enrollments).list(ctx.db.drizzle, { where: [sql`t.class_sourced_id = ${id('class')}`], limit: 1, offset: 1, sort: 'sourcedId' })).length,
    ).toBe(1);
    expect((await ctx.request('DELETE', `${ROSTER}/enrollments/${id('e-lisa')}`)).statusCode).toBe(204);
    const active = await repo(enrollments).list(ctx.db.drizzle, { filter: `role='student' AND class.sourcedId='${id('class')}'` });
    expect(active.map((e) => e.sourcedId)).toEqual([id('e-bart')]);
    expect(await repo(enrollments).get(ctx.db.drizzle, id('e-lisa'))).toBeUndefined();
    const withDeleted = await repo(enrollments).list(ctx.db.drizzle, { filter: `status='tobedeleted' AND class.sourcedId='${id('class')}'` });
    expect(withDeleted.map((e) => e.sourcedId)).toEqual([id('e-lisa')]);
  });

  it("honours a view's scope and ancestors' deletion", async () => {
    expect(await repo(schools).get(ctx.db.drizzle, id('district'))).toBeUndefined();
    expect((await repo(schools).get(ctx.db.drizzle, id('school')))?.name).toBe('Springfield High');
    await ctx.db.transaction((tx) =>
      repo(courseComponents).writeMany(tx, [{ sourcedId: id('unit'), course: { sourcedId: id('course') }, title: 'Unit 1' }], 'create'),
    );
    expect((await repo(courseComponents).get(ctx.db.drizzle, id('unit')))?.title).toBe('Unit 1');
    expect((await ctx.request('DELETE', `${ROSTER}/courses/${id('course')}`)).statusCode).toBe(204);
    // The course is deleted, so its unit is hidden, as in GET /courses/components.
    expect(await repo(courseComponents).get(ctx.db.drizzle, id('unit'))).toBeUndefined();
  });
});
