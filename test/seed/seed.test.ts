import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTestContext, GRADEBOOK, ROSTER, type TestContext } from '../helpers.js';
import { generateDistrict, LINE_ITEMS_PER_CLASS } from '../../src/seed/district.generator.js';
import { seedDatabase, TIERS } from '../../src/seed/seed.js';
import type { LoadStats } from '../../src/seed/batch-loader.js';

let ctx: TestContext;
let stats: LoadStats;

/** A digest of every generated row, in order. */
function digest(seed: number): string {
  const hash = createHash('sha256');
  for (const { row } of generateDistrict({ tier: 'XS', seed })) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

const total = async (url: string) => {
  const res = await ctx.request('GET', url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return Number(res.headers['x-total-count']);
};

beforeAll(async () => {
  ctx = await createTestContext();
  stats = await seedDatabase(ctx.db, { tier: 'XS', seed: 7 });
});
afterAll(() => ctx.close());

describe('seeded district (tier XS)', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(digest(7)).toBe(digest(7));
    expect(digest(7)).not.toBe(digest(8));
  });

  it('serves every loaded row through the API', async () => {
    expect(stats.rows).toBe(Object.values(stats.tables).reduce((a, b) => a + b, 0));
    expect(await total(`${ROSTER}/schools`)).toBe(TIERS.XS.schools);
    expect(await total(`${ROSTER}/orgs`)).toBe(stats.tables.orgs);
    expect(await total(`${ROSTER}/students`)).toBe(TIERS.XS.students);
    expect(await total(`${ROSTER}/users`)).toBe(stats.tables.users);
    expect(await total(`${ROSTER}/demographics`)).toBe(stats.tables.demographics);
    expect(await total(`${ROSTER}/academicSessions`)).toBe(stats.tables.academic_sessions);
    expect(await total(`${ROSTER}/courses`)).toBe(stats.tables.courses);
    expect(await total(`${ROSTER}/classes`)).toBe(stats.tables.classes);
    expect(await total(`${ROSTER}/enrollments`)).toBe(stats.tables.enrollments);
    expect(await total(`${GRADEBOOK}/lineItems`)).toBe(stats.tables.line_items);
    expect(await total(`${GRADEBOOK}/results`)).toBe(stats.tables.results);
  });

  it('rosters each class with one teacher, and grades each student on every line item of the class', async () => {
    const classes = (await ctx.request('GET', `${ROSTER}/classes?limit=5`)).json().classes as {
      sourcedId: string;
      terms: unknown[];
      school: { sourcedId: string };
    }[];
    expect(classes).toHaveLength(5);
    for (const c of classes) {
      expect(c.terms.length).toBeGreaterThan(0);
      expect(await total(`${ROSTER}/classes/${c.sourcedId}/teachers`)).toBe(1);
      const students = (await ctx.request('GET', `${ROSTER}/classes/${c.sourcedId}/students`)).json().users as { sourcedId: string }[];
      expect(students.length).toBeGreaterThan(0);
      expect(await total(`${ROSTER}/schools/${c.school.sourcedId}/classes/${c.sourcedId}/students`)).toBe(students.length);
      expect(await total(`${GRADEBOOK}/classes/${c.sourcedId}/students/${students[0].sourcedId}/results`)).toBe(LINE_ITEMS_PER_CLASS);
    }
  });

  it('stores users as the write path does: roles at a school, enrollments carrying their school', async () => {
    const student = (await ctx.request('GET', `${ROSTER}/students?limit=1`)).json().users[0];
    expect(student.roles).toEqual([expect.objectContaining({ roleType: 'primary', role: 'student', org: expect.objectContaining({ type: 'org' }) })]);
    expect(student.grades).toHaveLength(1);
    expect((await ctx.request('GET', `${ROSTER}/demographics/${student.sourcedId}`)).statusCode).toBe(200);
    const school = student.roles[0].org.sourcedId;
    expect((await ctx.request('GET', `${ROSTER}/schools/${school}`)).statusCode).toBe(200);
    const enrollments = (await ctx.request('GET', `${ROSTER}/enrollments?filter=${encodeURIComponent(`user.sourcedId='${student.sourcedId}'`)}`)).json()
      .enrollments;
    expect(enrollments.length).toBeGreaterThanOrEqual(4);
    for (const e of enrollments) expect(e.school.sourcedId).toBe(school);
  });
});
