/**
 * The Rostering write operations: POST / PUT (upsert) / DELETE (soft) on every collection, PATCH on
 * enrollments, input leniency, validation (400 naming the field), referential integrity (422 naming
 * the field, nothing written) and deletion semantics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { codeMinor, createTestContext, seedRoster, ROSTER, type TestContext } from '../helpers.js';
import { rows } from '../../src/platform/db/database.js';
import { statusInfoErrors } from './binding.js';

let ctx: TestContext;
let id: (s: string) => string;

const send = (method: string, url: string, body?: unknown) => ctx.request(method, `${ROSTER}${url}`, body === undefined ? {} : { body });
const get = (url: string) => send('GET', url);
const problem = (res: { body: string; json(): unknown }) => `${JSON.stringify(res.json())}`;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'w'));
});
afterAll(async () => ctx?.close());

/** A valid body per collection: envelope key and object, referencing the seeded district. */
function bodies(): Record<string, { key: string; object: () => Record<string, unknown>; required: string[] }> {
  return {
    '/orgs': { key: 'org', object: () => ({ name: 'North District', type: 'district' }), required: ['name', 'type'] },
    '/schools': { key: 'org', object: () => ({ name: 'North High', type: 'school', parent: { sourcedId: id('district') } }), required: ['name'] },
    '/academicSessions': {
      key: 'academicSession',
      object: () => ({ title: '2027-2028', type: 'schoolYear', startDate: '2027-08-01', endDate: '2028-06-30', schoolYear: '2028' }),
      required: ['title', 'type', 'startDate', 'endDate', 'schoolYear'],
    },
    '/gradingPeriods': {
      key: 'academicSession',
      object: () => ({ title: 'Q2', startDate: '2026-10-16', endDate: '2026-12-20', schoolYear: '2027', parent: { sourcedId: id('term') } }),
      required: ['title', 'startDate', 'endDate', 'schoolYear'],
    },
    '/courses': { key: 'course', object: () => ({ title: 'Geometry', courseCode: 'GEO', org: { sourcedId: id('school') } }), required: ['title', 'org'] },
    '/classes': {
      key: 'class',
      object: () => ({ title: 'Geometry - P3', course: { sourcedId: id('course') }, school: { sourcedId: id('school') }, terms: [{ sourcedId: id('term') }] }),
      required: ['title', 'course', 'terms'],
    },
    '/users': {
      key: 'user',
      object: () => ({
        givenName: 'Ralph',
        familyName: 'Wiggum',
        enabledUser: 'true',
        roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: id('school') } }],
      }),
      required: ['givenName', 'familyName', 'roles'],
    },
    '/enrollments': {
      key: 'enrollment',
      object: () => ({ role: 'student', user: { sourcedId: id('milhouse') }, class: { sourcedId: id('class') } }),
      required: ['role', 'user', 'class'],
    },
    '/demographics': { key: 'demographics', object: () => ({ sex: 'female', birthDate: '2011-05-09', hispanicOrLatinoEthnicity: false }), required: [] },
  };
}

const COLLECTIONS = Object.keys(bodies());
/** Demographics share the sourcedId of their user: give each created record one that the route accepts. */
const freshId = async (collection: string, suffix: string) => {
  if (collection !== '/demographics') return id(`${collection.slice(1)}-${suffix}`);
  const userId = id(`demo-user-${suffix}`);
  const res = await send('POST', '/users', { user: { ...bodies()['/users'].object(), sourcedId: userId } });
  expect(res.statusCode).toBe(201);
  return userId;
};

describe('create, read back, replace, delete — every collection', () => {
  it.each(COLLECTIONS)('POST %s with a supplied sourcedId → 201 sourcedIdPairs; the object reads back', async (collection) => {
    const { key, object } = bodies()[collection];
    const sourcedId = await freshId(collection, 'post');
    const res = await send('POST', collection, { [key]: { sourcedId, ...object() } });
    expect(res.statusCode, problem(res)).toBe(201);
    expect(res.json()).toEqual({ sourcedIdPairs: { suppliedSourcedId: sourcedId, allocatedSourcedId: sourcedId } });
    const read = await get(`${collection}/${sourcedId}`);
    expect(read.statusCode).toBe(200);
    const stored = read.json()[key];
    expect(stored.sourcedId).toBe(sourcedId);
    expect(stored.status).toBe('active');
    for (const [name, value] of Object.entries(object())) {
      if (value && typeof value === 'object' && 'sourcedId' in value)
        expect(stored[name]).toMatchObject({ sourcedId: value.sourcedId, href: expect.stringContaining('https://learnstack.test/') });
      else if (typeof value === 'boolean') expect(stored[name]).toBe(String(value));
      else if (name !== 'roles' && name !== 'terms') expect(stored[name]).toEqual(value);
    }
  });

  it.each(COLLECTIONS.filter((c) => c !== '/demographics'))('POST %s without a sourcedId → the server allocates a UUID', async (collection) => {
    const { key, object } = bodies()[collection];
    const res = await send('POST', collection, { [key]: object() });
    expect(res.statusCode, problem(res)).toBe(201);
    const allocated = res.json().sourcedIdPairs.allocatedSourcedId;
    expect(allocated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(res.json().sourcedIdPairs.suppliedSourcedId).toBe(allocated);
    expect((await get(`${collection}/${allocated}`)).statusCode).toBe(200);
  });

  it.each(COLLECTIONS)('PUT %s/{id}: 201 when absent, 200 when present, the object in the envelope', async (collection) => {
    const { key, object } = bodies()[collection];
    const sourcedId = await freshId(collection, 'put');
    const created = await send('PUT', `${collection}/${sourcedId}`, { [key]: object() });
    expect(created.statusCode, problem(created)).toBe(201);
    expect(created.json()[key].sourcedId).toBe(sourcedId);
    const first = created.json()[key].dateLastModified;
    const changed = { ...object(), metadata: { revision: 2 } };
    const updated = await send('PUT', `${collection}/${sourcedId}`, { [key]: { sourcedId, ...changed } });
    expect(updated.statusCode, problem(updated)).toBe(200);
    expect(updated.json()[key].metadata).toEqual({ revision: 2 });
    expect(updated.json()[key].dateLastModified >= first).toBe(true);
    expect((await get(`${collection}/${sourcedId}`)).json()[key].metadata).toEqual({ revision: 2 });
  });

  it.each(COLLECTIONS)('DELETE %s/{id} → 204; then GET → 404; DELETE again → 404', async (collection) => {
    const { key, object } = bodies()[collection];
    const sourcedId = await freshId(collection, 'del');
    expect((await send('POST', collection, { [key]: { sourcedId, ...object() } })).statusCode).toBe(201);
    const deleted = await send('DELETE', `${collection}/${sourcedId}`);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await get(`${collection}/${sourcedId}`);
    expect(gone.statusCode).toBe(404);
    expect(codeMinor(gone)).toBe('unknownobject');
    expect((await send('DELETE', `${collection}/${sourcedId}`)).statusCode).toBe(404);
    expect((await send('DELETE', `${collection}/never-existed`)).statusCode).toBe(404);
  });

  it('every rostering route with a body: bad JSON, an empty body, a non-object → 400 invaliddata', async () => {
    const service = ctx.services.find((s) => s.info.name === 'rostering')!;
    const writes = service.routes.filter((r) => r.body);
    expect(writes.length).toBeGreaterThanOrEqual(COLLECTIONS.length * 2);
    const token = await ctx.admin();
    for (const route of writes) {
      const url = `${ROSTER}${route.path.replace(/:[A-Za-z]+/g, id('missing'))}`;
      for (const payload of ['{"org": {"name": ', '', '[1]', '"text"']) {
        const res = await ctx.app.inject({
          method: route.method,
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode, `${route.method} ${route.path} ${payload}`).toBe(400);
        expect(codeMinor(res)).toBe('invaliddata');
        expect(statusInfoErrors(res.json())).toEqual([]);
      }
    }
  });

  it.each(COLLECTIONS.flatMap((c) => bodies()[c].required.map((field) => [c, field])))(
    'POST %s without %s → 400 naming it, nothing written',
    async (collection, field) => {
      const { key, object } = bodies()[collection];
      const sourcedId = id(`missing-${field}-${collection.slice(1)}`);
      const input: Record<string, unknown> = { sourcedId, ...object() };
      delete input[field];
      const res = await send('POST', collection, { [key]: input });
      expect(res.statusCode).toBe(400);
      expect(codeMinor(res)).toBe('invaliddata');
      expect(res.json().imsx_description).toContain(field);
      expect((await get(`${collection}/${sourcedId}`)).statusCode).toBe(404);
    },
  );

  it('a body without its envelope key → 400 naming the key', async () => {
    const res = await send('POST', '/orgs', { name: 'No envelope', type: 'school' });
    expect(res.statusCode).toBe(400);
    expect(res.json().imsx_description).toContain('org');
  });

  it('PUT with a body sourcedId that differs from the URL → 422 naming sourcedId', async () => {
    const res = await send('PUT', `/orgs/${id('district')}`, { org: { sourcedId: 'other', name: 'X', type: 'district' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().imsx_error_details).toEqual([{ sourcedId: expect.any(String) }]);
  });

  it('POST of an existing sourcedId → 422, the stored object untouched', async () => {
    const res = await send('POST', '/orgs', { org: { sourcedId: id('district'), name: 'Renamed', type: 'district' } });
    expect(res.statusCode).toBe(422);
    expect((await get(`/orgs/${id('district')}`)).json().org.name).toBe('Springfield District');
  });

  it('impossible calendar dates → 422 naming the field, nothing written', async () => {
    const session = { title: 'X', type: 'term', startDate: '2026-02-30', endDate: '2026-06-01', schoolYear: '2026' };
    const res = await send('POST', '/academicSessions', { academicSession: { sourcedId: id('bad-date'), ...session } });
    expect(res.statusCode, problem(res)).toBe(422);
    expect(res.json().imsx_description).toContain('startDate');
    expect((await get(`/academicSessions/${id('bad-date')}`)).statusCode).toBe(404);
    const role = { roleType: 'primary', role: 'student', org: { sourcedId: id('school') }, beginDate: '2026-13-01' };
    const user = await send('POST', '/users', { user: { sourcedId: id('bad-role-date'), givenName: 'A', familyName: 'B', roles: [role] } });
    expect(user.statusCode, problem(user)).toBe(422);
    expect(user.json().imsx_description).toContain('roles[0].beginDate');
    expect((await get(`/users/${id('bad-role-date')}`)).statusCode).toBe(404);
    const enrollment = await send('PUT', `/enrollments/${id('e-bart')}`, { enrollment: { endDate: '2027-02-29T10:00:00Z' } });
    expect(enrollment.statusCode).toBe(422);
    expect(enrollment.json().imsx_description).toContain('endDate');
  });

  it('a NUL character in a value → 400, nothing written', async () => {
    const res = await send('POST', '/orgs', { org: { sourcedId: id('nul'), name: 'a\u0000b', type: 'school' } });
    expect(res.statusCode).toBe(400);
    expect(codeMinor(res)).toBe('invaliddata');
    expect((await get(`/orgs/${id('nul')}`)).statusCode).toBe(404);
    const metadata = await send('PUT', `/orgs/${id('nul')}`, { org: { name: 'ok', type: 'school', metadata: { note: '\u0000' } } });
    expect(metadata.statusCode).toBe(400);
    expect((await get(`/orgs/${id('nul')}`)).statusCode).toBe(404);
  });

  it('concurrent POSTs of one new sourcedId: exactly one is created, the others are refused, none fails', async () => {
    const body = { org: { sourcedId: id('race'), name: 'Race', type: 'school' } };
    const results = await Promise.all(Array.from({ length: 6 }, () => send('POST', '/orgs', body)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    for (const c of codes.filter((c) => c !== 201)) expect([409, 422]).toContain(c);
  });

  it('trailing slashes work on writes', async () => {
    expect((await send('POST', '/orgs/', { org: { sourcedId: id('slash'), name: 'Slash', type: 'local' } })).statusCode).toBe(201);
    expect((await send('PUT', `/orgs/${id('slash')}/`, { org: { name: 'Slash 2', type: 'local' } })).statusCode).toBe(200);
    expect((await send('DELETE', `/orgs/${id('slash')}/`)).statusCode).toBe(204);
  });
});

describe('validation', () => {
  it.each([
    ['/orgs', 'type', { org: { name: 'X', type: 'castle' } }],
    ['/academicSessions', 'type', { academicSession: { title: 'X', type: 'decade', startDate: '2026-01-01', endDate: '2026-02-01', schoolYear: '2026' } }],
    ['/enrollments', 'role', { enrollment: { role: 'janitor', user: { sourcedId: 'w-bart' }, class: { sourcedId: 'w-class' } } }],
    [
      '/classes',
      'classType',
      { class: { title: 'X', classType: 'lecture', course: { sourcedId: 'w-course' }, school: { sourcedId: 'w-school' }, terms: [{ sourcedId: 'w-term' }] } },
    ],
    ['/users', 'roleType', { user: { givenName: 'A', familyName: 'B', roles: [{ roleType: 'main', role: 'student', org: { sourcedId: 'w-school' } }] } }],
    ['/users', 'role', { user: { givenName: 'A', familyName: 'B', roles: [{ roleType: 'primary', role: 'wizard', org: { sourcedId: 'w-school' } }] } }],
    [
      '/users',
      'enabledUser',
      { user: { givenName: 'A', familyName: 'B', enabledUser: 'yes', roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'w-school' } }] } },
    ],
    ['/users', 'roles', { user: { givenName: 'A', familyName: 'B', roles: [] } }],
    ['/orgs', 'status', { org: { name: 'X', type: 'school', status: 'archived' } }],
    ['/academicSessions', 'startDate', { academicSession: { title: 'X', type: 'term', startDate: 'next monday', endDate: '2026-02-01', schoolYear: '2026' } }],
    ['/demographics', 'white', { demographics: { sourcedId: 'w-bart', white: 'maybe' } }],
    ['/courses', 'sourcedId', { course: { title: 'X', org: { href: 'https://elsewhere' } } }],
  ] as const)('POST %s with a bad %s → 400 naming it', async (collection, field, body) => {
    const res = await send('POST', collection, body);
    expect(res.statusCode, problem(res)).toBe(400);
    expect(codeMinor(res)).toBe('invaliddata');
    expect(res.json().imsx_description).toContain(field);
    expect(statusInfoErrors(res.json())).toEqual([]);
  });

  it('extensible vocabularies accept ext: terms', async () => {
    expect((await send('POST', '/orgs', { org: { sourcedId: id('ext-org'), name: 'Co-op', type: 'ext:cooperative' } })).statusCode).toBe(201);
    expect((await get(`/orgs/${id('ext-org')}`)).json().org.type).toBe('ext:cooperative');
    const user = { givenName: 'Coach', familyName: 'K', roles: [{ roleType: 'primary', role: 'ext:coach', org: { sourcedId: id('school') } }] };
    expect((await send('POST', '/users', { user: { sourcedId: id('coach'), ...user } })).statusCode).toBe(201);
    expect((await get(`/users/${id('coach')}`)).json().user.roles[0].role).toBe('ext:coach');
    const enrollment = { sourcedId: id('e-coach'), role: 'ext:coach', user: { sourcedId: id('coach') }, class: { sourcedId: id('class') } };
    expect((await send('POST', '/enrollments', { enrollment })).statusCode).toBe(201);
    expect((await send('POST', '/orgs', { org: { name: 'Bad', type: 'ext:' } })).statusCode).toBe(400);
  });

  it('TrueFalse fields accept booleans and strings, and answer strings', async () => {
    for (const [input, expected] of [
      [true, 'true'],
      [false, 'false'],
      ['true', 'true'],
      ['false', 'false'],
    ] as const) {
      const res = await send('PUT', `/users/${id('bool')}`, { user: { ...bodies()['/users'].object(), enabledUser: input } });
      expect(res.json().user.enabledUser, String(input)).toBe(expected);
    }
    const res = await send('PUT', `/users/${id('bool')}`, { user: { ...bodies()['/users'].object(), enabledUser: undefined } });
    expect(res.json().user.enabledUser).toBe('true');
  });

  it('status omitted → active; a date-time where a date is expected is kept as sent', async () => {
    const session = { title: 'Summer', type: 'term', startDate: '2027-07-01T00:00:00Z', endDate: '2027-07-31', schoolYear: '2027' };
    expect((await send('POST', '/academicSessions', { academicSession: { sourcedId: id('summer'), ...session } })).statusCode).toBe(201);
    const { academicSession } = (await get(`/academicSessions/${id('summer')}`)).json();
    expect(academicSession.status).toBe('active');
    expect(academicSession.startDate).toBe('2027-07-01T00:00:00Z');
  });

  it('references sent as {sourcedId} alone come back as full GUIDRefs; a sent href/type is replaced', async () => {
    const course = { sourcedId: id('refs-course'), title: 'Refs', org: { sourcedId: id('school'), href: 'https://elsewhere/x', type: 'org' } };
    expect((await send('POST', '/courses', { course })).statusCode).toBe(201);
    expect((await get(`/courses/${id('refs-course')}`)).json().course.org).toEqual({
      href: `https://learnstack.test${ROSTER}/orgs/${id('school')}`,
      sourcedId: id('school'),
      type: 'org',
    });
  });

  it('the class org may be sent as `org` (the platform) or `school` (the binding)', async () => {
    const base = { title: 'Alias', course: { sourcedId: id('course') }, terms: [{ sourcedId: id('term') }] };
    expect((await send('POST', '/classes', { class: { sourcedId: id('alias-class'), ...base, org: { sourcedId: id('school2') } } })).statusCode).toBe(201);
    expect((await get(`/classes/${id('alias-class')}`)).json().class.school.sourcedId).toBe(id('school2'));
    const neither = await send('POST', '/classes', { class: { sourcedId: id('alias-none'), ...base } });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().imsx_description).toContain('school');
  });

  it('sessions: endDate before startDate → 422; own parent → 422', async () => {
    const bad = await send('POST', '/academicSessions', {
      academicSession: { title: 'Back', type: 'term', startDate: '2026-05-01', endDate: '2026-04-01', schoolYear: '2026' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().imsx_description).toContain('endDate');
    const loop = await send('PUT', `/academicSessions/${id('term')}`, {
      academicSession: { title: 'Fall', type: 'term', startDate: '2026-08-01', endDate: '2026-12-20', schoolYear: '2027', parent: { sourcedId: id('term') } },
    });
    expect(loop.statusCode).toBe(422);
    expect(loop.json().imsx_description).toContain('parent');
  });
});

describe('writes through views', () => {
  it('POST /schools defaults nothing but refuses another org type', async () => {
    const res = await send('POST', '/schools', { org: { name: 'Dept', type: 'department' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().imsx_description).toContain('type');
  });

  it('PUT /schools/{id} of a district → 422 naming type, and the district is unchanged', async () => {
    const res = await send('PUT', `/schools/${id('district')}`, { org: { name: 'Renamed', type: 'district' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().imsx_error_details).toEqual([{ type: expect.any(String) }]);
    expect((await get(`/orgs/${id('district')}`)).json().org.name).toBe('Springfield District');
  });

  it('POST /gradingPeriods defaults the type; another type → 422', async () => {
    const created = await send('POST', '/gradingPeriods', { academicSession: { ...bodies()['/gradingPeriods'].object(), sourcedId: id('gp-default') } });
    expect(created.statusCode).toBe(201);
    expect((await get(`/academicSessions/${id('gp-default')}`)).json().academicSession.type).toBe('gradingPeriod');
    const wrong = await send('POST', '/gradingPeriods', { academicSession: { ...bodies()['/gradingPeriods'].object(), type: 'semester' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().imsx_description).toContain('type');
  });

  it('PUT /gradingPeriods/{id} answers with both envelope keys', async () => {
    const res = await send('PUT', `/gradingPeriods/${id('gp1')}`, { academicSession: { ...bodies()['/gradingPeriods'].object(), title: 'Q1 renamed' } });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['academicSession', 'gradingPeriod']);
    expect(res.json().gradingPeriod).toEqual(res.json().academicSession);
    expect(res.json().academicSession.title).toBe('Q1 renamed');
  });
});

describe('referential integrity: 422 naming the field, nothing written', () => {
  const count = async (table: string) => (await rows<{ n: number }>(ctx.db.drizzle, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;

  it.each([
    [
      '/classes',
      'course',
      'class',
      () => ({ title: 'X', course: { sourcedId: 'nope' }, school: { sourcedId: id('school') }, terms: [{ sourcedId: id('term') }] }),
      'classes',
    ],
    [
      '/classes',
      'terms[1]',
      'class',
      () => ({
        title: 'X',
        course: { sourcedId: id('course') },
        school: { sourcedId: id('school') },
        terms: [{ sourcedId: id('term') }, { sourcedId: 'nope' }],
      }),
      'classes',
    ],
    [
      '/classes',
      'school',
      'class',
      () => ({ title: 'X', course: { sourcedId: id('course') }, school: { sourcedId: 'nope' }, terms: [{ sourcedId: id('term') }] }),
      'classes',
    ],
    ['/enrollments', 'user', 'enrollment', () => ({ role: 'student', user: { sourcedId: 'nope' }, class: { sourcedId: id('class') } }), 'enrollments'],
    ['/enrollments', 'class', 'enrollment', () => ({ role: 'student', user: { sourcedId: id('bart') }, class: { sourcedId: 'nope' } }), 'enrollments'],
    ['/courses', 'org', 'course', () => ({ title: 'X', org: { sourcedId: 'nope' } }), 'courses'],
    ['/courses', 'schoolYear', 'course', () => ({ title: 'X', org: { sourcedId: id('school') }, schoolYear: { sourcedId: 'nope' } }), 'courses'],
    ['/orgs', 'parent', 'org', () => ({ name: 'X', type: 'school', parent: { sourcedId: 'nope' } }), 'orgs'],
    [
      '/academicSessions',
      'parent',
      'academicSession',
      () => ({ title: 'X', type: 'term', startDate: '2026-01-01', endDate: '2026-02-01', schoolYear: '2026', parent: { sourcedId: 'nope' } }),
      'academic_sessions',
    ],
    [
      '/users',
      'roles[1].org',
      'user',
      () => ({
        ...bodies()['/users'].object(),
        roles: [
          { roleType: 'primary', role: 'student', org: { sourcedId: id('school') } },
          { roleType: 'secondary', role: 'aide', org: { sourcedId: 'nope' } },
        ],
      }),
      'users',
    ],
    ['/users', 'agents[0]', 'user', () => ({ ...bodies()['/users'].object(), agents: [{ sourcedId: 'nope' }] }), 'users'],
    ['/users', 'primaryOrg', 'user', () => ({ ...bodies()['/users'].object(), primaryOrg: { sourcedId: 'nope' } }), 'users'],
  ] as const)('POST %s with a missing %s reference → 422 naming it, nothing written', async (collection, field, key, object, table) => {
    const before = await count(table);
    const sourcedId = id(`ri-${collection.slice(1)}-${field}`);
    const res = await send('POST', collection, { [key]: { sourcedId, ...object() } });
    expect(res.statusCode, problem(res)).toBe(422);
    expect(codeMinor(res)).toBe('invaliddata');
    expect(res.json().imsx_error_details).toEqual([{ [field]: expect.stringContaining('nope') }]);
    expect((await get(`${collection}/${sourcedId}`)).statusCode).toBe(404);
    expect(await count(table)).toBe(before);
  });

  it('a user whose roles fail leaves no user and no roles behind', async () => {
    const roles = await count('user_roles');
    const res = await send('POST', '/users', {
      user: { sourcedId: id('half'), givenName: 'H', familyName: 'H', roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'nope' } }] },
    });
    expect(res.statusCode).toBe(422);
    expect(await count('user_roles')).toBe(roles);
    expect((await rows(ctx.db.drizzle, sql`select 1 from users where sourced_id = ${id('half')}`)).length).toBe(0);
  });

  it('a failing PUT of an existing object leaves it as it was', async () => {
    const before = (await get(`/classes/${id('class')}`)).json().class;
    const res = await send('PUT', `/classes/${id('class')}`, {
      class: { title: 'Changed', course: { sourcedId: 'nope' }, school: { sourcedId: id('school') }, terms: [{ sourcedId: id('term') }] },
    });
    expect(res.statusCode).toBe(422);
    expect((await get(`/classes/${id('class')}`)).json().class).toEqual(before);
  });

  it('a school reference must be a school (an enrollment naming a district as its school)', async () => {
    const res = await send('POST', '/enrollments', {
      enrollment: { role: 'student', user: { sourcedId: id('bart') }, class: { sourcedId: id('class') }, school: { sourcedId: 'nope' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().imsx_description).toContain('school');
  });
});

describe('soft deletion', () => {
  beforeAll(async () => {
    const user = { givenName: 'Sherri', familyName: 'Twin', roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: id('school') } }] };
    expect((await send('POST', '/users', { user: { sourcedId: id('sherri'), ...user } })).statusCode).toBe(201);
    const enrollment = { sourcedId: id('e-sherri'), role: 'student', user: { sourcedId: id('sherri') }, class: { sourcedId: id('class') } };
    expect((await send('POST', '/enrollments', { enrollment })).statusCode).toBe(201);
  });

  it('DELETE marks the record tobedeleted: hidden from lists, visible to a filter on status or dateLastModified', async () => {
    const before = new Date(Date.now() - 60_000).toISOString();
    expect((await send('DELETE', `/users/${id('sherri')}`)).statusCode).toBe(204);
    expect((await get(`/users/${id('sherri')}`)).statusCode).toBe(404);
    const listed = (await get('/users?limit=1000')).json().users.map((u: { sourcedId: string }) => u.sourcedId);
    expect(listed).not.toContain(id('sherri'));
    const byStatus = (await get(`/users?filter=${encodeURIComponent("status='tobedeleted'")}`)).json().users;
    expect(byStatus.map((u: { sourcedId: string }) => u.sourcedId)).toContain(id('sherri'));
    expect(byStatus.find((u: { sourcedId: string }) => u.sourcedId === id('sherri')).status).toBe('tobedeleted');
    const delta = (await get(`/users?filter=${encodeURIComponent(`dateLastModified>'${before}'`)}`)).json().users;
    expect(delta.find((u: { sourcedId: string }) => u.sourcedId === id('sherri'))?.status).toBe('tobedeleted');
    const [row] = await rows<{ status: string }>(ctx.db.drizzle, sql`select status from users where sourced_id = ${id('sherri')}`);
    expect(row.status).toBe('tobedeleted');
  });

  it('a deleted student is out of /students and /schools/{id}/students', async () => {
    expect((await get(`/students/${id('sherri')}`)).statusCode).toBe(404);
    expect((await get(`/schools/${id('school')}/students`)).json().users.map((u: { sourcedId: string }) => u.sourcedId)).not.toContain(id('sherri'));
  });

  it('a deleted enrollment takes the student out of the class', async () => {
    const students = async () => (await get(`/classes/${id('class')}/students`)).json().users.map((u: { sourcedId: string }) => u.sourcedId);
    expect(await students()).toContain(id('bart'));
    expect((await send('DELETE', `/enrollments/${id('e-bart')}`)).statusCode).toBe(204);
    expect(await students()).not.toContain(id('bart'));
    expect((await get(`/users/${id('bart')}/classes`)).json().classes).toEqual([]);
  });

  it('a PATCH of a deleted enrollment → 404', async () => {
    expect((await send('PATCH', `/enrollments/${id('e-bart')}`, { enrollment: { metadata: { x: 1 } } })).statusCode).toBe(404);
  });

  it('a later PUT brings it back', async () => {
    const user = { givenName: 'Sherri', familyName: 'Twin', roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: id('school') } }] };
    const res = await send('PUT', `/users/${id('sherri')}`, { user });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.status).toBe('active');
    expect((await get(`/users/${id('sherri')}`)).statusCode).toBe(200);
    expect((await get('/users?limit=1000')).json().users.map((u: { sourcedId: string }) => u.sourcedId)).toContain(id('sherri'));
  });

  it('a deleted class disappears from its term, course and school collections', async () => {
    const klass = {
      sourcedId: id('doomed-class'),
      title: 'Doomed',
      course: { sourcedId: id('course') },
      school: { sourcedId: id('school') },
      terms: [{ sourcedId: id('term') }],
    };
    expect((await send('POST', '/classes', { class: klass })).statusCode).toBe(201);
    const lists = [`/terms/${id('term')}/classes`, `/courses/${id('course')}/classes`, `/schools/${id('school')}/classes`];
    for (const url of lists)
      expect(
        (await get(url)).json().classes.map((c: { sourcedId: string }) => c.sourcedId),
        url,
      ).toContain(id('doomed-class'));
    expect((await send('DELETE', `/classes/${id('doomed-class')}`)).statusCode).toBe(204);
    for (const url of lists)
      expect(
        (await get(url)).json().classes.map((c: { sourcedId: string }) => c.sourcedId),
        url,
      ).not.toContain(id('doomed-class'));
  });

  it("a deleted org leaves its parent's children; a deleted session its parent's", async () => {
    expect(
      (await send('POST', '/schools', { org: { sourcedId: id('short-lived'), name: 'Short', type: 'school', parent: { sourcedId: id('district') } } }))
        .statusCode,
    ).toBe(201);
    const children = async () => (await get(`/orgs/${id('district')}`)).json().org.children.map((c: { sourcedId: string }) => c.sourcedId);
    expect(await children()).toContain(id('short-lived'));
    expect((await send('DELETE', `/schools/${id('short-lived')}`)).statusCode).toBe(204);
    expect(await children()).not.toContain(id('short-lived'));
    expect((await send('DELETE', `/gradingPeriods/${id('gp1')}`)).statusCode).toBe(204);
    const sourcedIdsOf = (list: { sourcedId: string }[]) => list.map((c) => c.sourcedId);
    expect(sourcedIdsOf((await get(`/terms/${id('term')}`)).json().term.children)).not.toContain(id('gp1'));
    expect(sourcedIdsOf((await get(`/terms/${id('term')}/gradingPeriods`)).json().gradingPeriods)).not.toContain(id('gp1'));
  });

  it('DELETE /schools/{id} of a district → 404 and nothing changes', async () => {
    expect((await send('DELETE', `/schools/${id('district')}`)).statusCode).toBe(404);
    expect((await get(`/orgs/${id('district')}`)).statusCode).toBe(200);
  });
});

describe('PATCH /enrollments/{id}', () => {
  const url = () => `/enrollments/${id('e-lisa')}`;

  it('changes only the fields sent and deep-merges metadata', async () => {
    expect((await send('PATCH', url(), { enrollment: { metadata: { goals: { dailyXp: 50 }, notes: { a: 1 } } } })).statusCode).toBe(200);
    const res = await send('PATCH', url(), {
      enrollment: { endDate: '2026-12-20', metadata: { goals: { dailyLessons: 3 }, notes: { b: 2 }, metrics: { totalXp: 10, courseType: 'core' } } },
    });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json())).toEqual(['enrollment']);
    const { enrollment } = res.json();
    expect(enrollment.metadata).toEqual({ goals: { dailyXp: 50, dailyLessons: 3 }, notes: { a: 1, b: 2 }, metrics: { totalXp: 10, courseType: 'core' } });
    expect(enrollment).toMatchObject({
      role: 'student',
      endDate: '2026-12-20',
      user: { sourcedId: id('lisa') },
      class: { sourcedId: id('class') },
      school: { sourcedId: id('school') },
    });
    expect((await get(url())).json().enrollment).toEqual(enrollment);
  });

  it('a null in the patch replaces that key', async () => {
    const res = await send('PATCH', url(), { enrollment: { metadata: { goals: { dailyXp: null } } } });
    expect(res.json().enrollment.metadata.goals).toEqual({ dailyXp: null, dailyLessons: 3 });
  });

  it.each([
    [{ goals: { dailyXp: 'lots' } }, 'dailyXp'],
    [{ metrics: { isSupplemental: 'yes' } }, 'isSupplemental'],
    [{ goals: { weeklyXp: 1 } }, 'goals'],
    [{ goals: 5 }, 'goals'],
  ])('typed metadata: %j → 400', async (metadata, field) => {
    const before = (await get(url())).json().enrollment;
    const res = await send('PATCH', url(), { enrollment: { metadata } });
    expect(res.statusCode, problem(res)).toBe(400);
    expect(res.json().imsx_description).toContain(field);
    expect((await get(url())).json().enrollment).toEqual(before);
  });

  it('the same typing applies to POST and PUT', async () => {
    const enrollment = { role: 'student', user: { sourcedId: id('milhouse') }, class: { sourcedId: id('class') }, metadata: { goals: { dailyXp: 'x' } } };
    expect((await send('POST', '/enrollments', { enrollment })).statusCode).toBe(400);
    expect((await send('PUT', `/enrollments/${id('e-typed')}`, { enrollment })).statusCode).toBe(400);
  });

  it('PATCH an unknown enrollment → 404; a missing class → 422; a bad role → 400', async () => {
    expect((await send('PATCH', '/enrollments/nope', { enrollment: { metadata: {} } })).statusCode).toBe(404);
    const missing = await send('PATCH', url(), { enrollment: { class: { sourcedId: 'nope' } } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().imsx_error_details).toEqual([{ class: expect.any(String) }]);
    expect((await send('PATCH', url(), { enrollment: { role: 'janitor' } })).statusCode).toBe(400);
  });

  it('PATCH may move the enrollment to another class; its school follows', async () => {
    const klass = {
      sourcedId: id('class-s2'),
      title: 'Other',
      course: { sourcedId: id('course') },
      school: { sourcedId: id('school2') },
      terms: [{ sourcedId: id('term') }],
    };
    expect((await send('POST', '/classes', { class: klass })).statusCode).toBe(201);
    const enrollment = { sourcedId: id('e-move'), role: 'student', user: { sourcedId: id('milhouse') }, class: { sourcedId: id('class') } };
    expect((await send('POST', '/enrollments', { enrollment })).statusCode).toBe(201);
    const res = await send('PATCH', `/enrollments/${id('e-move')}`, { enrollment: { class: { sourcedId: id('class-s2') } } });
    expect(res.statusCode).toBe(200);
    expect(res.json().enrollment.class.sourcedId).toBe(id('class-s2'));
    expect(res.json().enrollment.school.sourcedId).toBe(id('school2'));
  });
});

describe("the platform's partial PUT", () => {
  it('updates the fields an existing record is sent, keeps the rest and answers the whole record', async () => {
    const before = (await get(`/classes/${id('class')}`)).json().class;
    const res = await send('PUT', `/classes/${id('class')}`, { class: { title: 'Renamed', metadata: { room: '12' } } });
    expect(res.statusCode, problem(res)).toBe(200);
    const after = res.json().class;
    expect(after).toMatchObject({ ...before, title: 'Renamed', metadata: { ...(before.metadata ?? {}), room: '12' }, dateLastModified: expect.any(String) });
    expect(after.course).toEqual(before.course);
    expect(after.terms).toEqual(before.terms);
    // metadata is deep-merged, as PATCH does.
    const merged = await send('PUT', `/classes/${id('class')}`, { class: { metadata: { floor: 2 } } });
    expect(merged.json().class.metadata).toMatchObject({ room: '12', floor: 2 });
    expect((await get(`/classes/${id('class')}`)).json().class.title).toBe('Renamed');
  });

  it('a complete body still replaces; a new record still needs every required field', async () => {
    const missing = await send('PUT', `/classes/${id('class-new')}`, { class: { title: 'Only a title' } });
    expect(missing.statusCode, problem(missing)).toBe(400);
    expect(missing.json().imsx_description).toContain('class.course');
    expect(missing.json().imsx_description).toContain('class.terms');
    expect((await get(`/classes/${id('class-new')}`)).statusCode).toBe(404);
    const full = await send('PUT', `/orgs/${id('district')}`, { org: { name: 'Replaced District', type: 'district' } });
    expect(full.statusCode).toBe(200);
    // A full replace drops what the body leaves out (identifier is served as '' when absent).
    expect(full.json().org).toMatchObject({ name: 'Replaced District', identifier: '' });
  });

  it('bad values in a partial body are still refused, naming the field', async () => {
    const res = await send('PUT', `/classes/${id('class')}`, { class: { classType: 'lecture' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().imsx_description).toContain('classType');
    const ref = await send('PUT', `/classes/${id('class')}`, { class: { course: { sourcedId: 'no-such-course' } } });
    expect(ref.statusCode).toBe(422);
    expect(ref.json().imsx_description).toContain('course');
  });
});
