/**
 * Every read path of the Rostering service: the binding's 41 and the platform's. Each is exercised on
 * a seeded district with the exact expected members, validated against the binding's response schema,
 * and 404s are checked for unknown ids and for objects outside the path's view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, createTestContext, seedRoster, ROSTER, type TestContext } from '../helpers.js';
import type { RouteRecord } from '../../src/platform/service.js';
import { binding, bindingErrors, fastifyPath, statusInfoErrors } from './binding.js';

let ctx: TestContext;
let id: (s: string) => string;
let routes: RouteRecord[];

const get = (url: string, token?: string) => ctx.request('GET', `${ROSTER}${url}`, token ? { token } : {});
const ids = (list: { sourcedId: string }[]) => list.map((o) => o.sourcedId).sort();
const BASE = `https://learnstack.test${ROSTER}`;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'r'));
  const ok = async (method: string, url: string, body: unknown) => {
    const res = await ctx.request(method, `${ROSTER}${url}`, { body });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  };
  // A term owned by the district that a class of school2 runs in; a student of school2 enrolled there.
  await ok('POST', '/academicSessions', {
    academicSession: {
      sourcedId: id('term2'),
      title: 'Spring 2027',
      type: 'term',
      startDate: '2027-01-05',
      endDate: '2027-06-30',
      schoolYear: '2027',
      org: { sourcedId: id('district') },
    },
  });
  await ok('POST', '/classes', {
    class: {
      sourcedId: id('class2'),
      title: 'Algebra I - P2',
      course: { sourcedId: id('course') },
      school: { sourcedId: id('school2') },
      terms: [{ sourcedId: id('term2') }],
    },
  });
  await ok('POST', '/users', {
    user: {
      sourcedId: id('nelson'),
      givenName: 'Nelson',
      familyName: 'Muntz',
      enabledUser: 'false',
      roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: id('school2') } }],
    },
  });
  await ok('POST', '/enrollments', {
    enrollment: { sourcedId: id('e-nelson'), role: 'student', user: { sourcedId: id('nelson') }, class: { sourcedId: id('class2') } },
  });
  await ok('POST', '/demographics', { demographics: { sourcedId: id('bart'), birthDate: '2012-04-01', sex: 'male', white: true, asian: 'false' } });
  await ok('POST', `/users/${id('bart')}/agents`, { agentSourcedId: id('homer') });
  routes = ctx.services.find((s) => s.info.name === 'rostering')!.routes;
});
afterAll(async () => ctx?.close());

/** Each read route with a real URL, its envelope keys and the exact members (or the single object) it answers. */
function readCases(): Record<string, { url: string; keys: string[]; members?: string[]; one?: string }> {
  const all = {
    orgs: ['district', 'school', 'school2'],
    sessions: ['year', 'term', 'gp1', 'term2'],
    users: ['teacher', 'bart', 'lisa', 'milhouse', 'homer', 'nelson'],
    enrollments: ['e-teacher', 'e-bart', 'e-lisa', 'e-nelson'],
  };
  const m = (...names: string[]) => names.map(id).sort();
  return {
    '/orgs': { url: '/orgs', keys: ['orgs'], members: m(...all.orgs) },
    '/orgs/:sourcedId': { url: `/orgs/${id('district')}`, keys: ['org'], one: id('district') },
    '/schools': { url: '/schools', keys: ['orgs'], members: m('school', 'school2') },
    '/schools/:sourcedId': { url: `/schools/${id('school')}`, keys: ['org'], one: id('school') },
    '/academicSessions': { url: '/academicSessions', keys: ['academicSessions'], members: m(...all.sessions) },
    '/academicSessions/:sourcedId': { url: `/academicSessions/${id('year')}`, keys: ['academicSession'], one: id('year') },
    '/terms': { url: '/terms', keys: ['academicSessions', 'terms'], members: m('term', 'term2') },
    '/terms/:sourcedId': { url: `/terms/${id('term')}`, keys: ['academicSession', 'term'], one: id('term') },
    '/gradingPeriods': { url: '/gradingPeriods', keys: ['academicSessions', 'gradingPeriods'], members: m('gp1') },
    '/gradingPeriods/:sourcedId': { url: `/gradingPeriods/${id('gp1')}`, keys: ['academicSession', 'gradingPeriod'], one: id('gp1') },
    '/courses': { url: '/courses', keys: ['courses'], members: m('course') },
    '/courses/:sourcedId': { url: `/courses/${id('course')}`, keys: ['course'], one: id('course') },
    '/classes': { url: '/classes', keys: ['classes'], members: m('class', 'class2') },
    '/classes/:sourcedId': { url: `/classes/${id('class')}`, keys: ['class'], one: id('class') },
    '/users': { url: '/users', keys: ['users'], members: m(...all.users) },
    '/users/:sourcedId': { url: `/users/${id('bart')}`, keys: ['user'], one: id('bart') },
    '/enrollments': { url: '/enrollments', keys: ['enrollments'], members: m(...all.enrollments) },
    '/enrollments/:sourcedId': { url: `/enrollments/${id('e-bart')}`, keys: ['enrollment'], one: id('e-bart') },
    '/demographics': { url: '/demographics', keys: ['demographics'], members: m('bart') },
    '/demographics/:sourcedId': { url: `/demographics/${id('bart')}`, keys: ['demographics'], one: id('bart') },
    '/students': { url: '/students', keys: ['users'], members: m('bart', 'lisa', 'milhouse', 'nelson') },
    '/students/:sourcedId': { url: `/students/${id('bart')}`, keys: ['user'], one: id('bart') },
    '/teachers': { url: '/teachers', keys: ['users'], members: m('teacher') },
    '/teachers/:sourcedId': { url: `/teachers/${id('teacher')}`, keys: ['user'], one: id('teacher') },
    '/courses/:courseSourcedId/classes': { url: `/courses/${id('course')}/classes`, keys: ['classes'], members: m('class', 'class2') },
    '/classes/:classSourcedId/students': { url: `/classes/${id('class')}/students`, keys: ['users', 'students'], members: m('bart', 'lisa') },
    '/classes/:classSourcedId/teachers': { url: `/classes/${id('class')}/teachers`, keys: ['users', 'teachers'], members: m('teacher') },
    '/schools/:schoolSourcedId/courses': { url: `/schools/${id('school')}/courses`, keys: ['courses'], members: m('course') },
    '/schools/:schoolSourcedId/classes': { url: `/schools/${id('school2')}/classes`, keys: ['classes'], members: m('class2') },
    '/schools/:schoolSourcedId/enrollments': { url: `/schools/${id('school2')}/enrollments`, keys: ['enrollments'], members: m('e-nelson') },
    '/schools/:schoolSourcedId/students': { url: `/schools/${id('school')}/students`, keys: ['users'], members: m('bart', 'lisa', 'milhouse') },
    '/schools/:schoolSourcedId/teachers': { url: `/schools/${id('school')}/teachers`, keys: ['users'], members: m('teacher') },
    '/schools/:schoolSourcedId/terms': { url: `/schools/${id('school')}/terms`, keys: ['academicSessions', 'terms'], members: m('term') },
    '/schools/:schoolSourcedId/classes/:classSourcedId/enrollments': {
      url: `/schools/${id('school')}/classes/${id('class')}/enrollments`,
      keys: ['enrollments'],
      members: m('e-teacher', 'e-bart', 'e-lisa'),
    },
    '/schools/:schoolSourcedId/classes/:classSourcedId/students': {
      url: `/schools/${id('school')}/classes/${id('class')}/students`,
      keys: ['users'],
      members: m('bart', 'lisa'),
    },
    '/schools/:schoolSourcedId/classes/:classSourcedId/teachers': {
      url: `/schools/${id('school')}/classes/${id('class')}/teachers`,
      keys: ['users'],
      members: m('teacher'),
    },
    '/terms/:termSourcedId/classes': { url: `/terms/${id('term2')}/classes`, keys: ['classes'], members: m('class2') },
    '/terms/:termSourcedId/gradingPeriods': { url: `/terms/${id('term')}/gradingPeriods`, keys: ['academicSessions', 'gradingPeriods'], members: m('gp1') },
    '/students/:studentSourcedId/classes': { url: `/students/${id('nelson')}/classes`, keys: ['classes'], members: m('class2') },
    '/teachers/:teacherSourcedId/classes': { url: `/teachers/${id('teacher')}/classes`, keys: ['classes'], members: m('class') },
    '/users/:userSourcedId/classes': { url: `/users/${id('bart')}/classes`, keys: ['classes'], members: m('class') },
    '/users/:userId/agents': { url: `/users/${id('bart')}/agents`, keys: ['agents'], members: m('homer') },
    '/users/:userId/agentFor': { url: `/users/${id('homer')}/agentFor`, keys: ['users'], members: m('bart') },
    '/users/:sourcedId/demographics': { url: `/users/${id('bart')}/demographics`, keys: ['user'], one: id('bart') },
  };
}

/** The course-structure routes under the rostering base path belong to the Resources work and are tested there. */
const isCourseStructure = (r: RouteRecord) => r.path.startsWith('/courses/component') || r.path === '/courses/structure';
const PAGINATION = ['totalCount', 'pageCount', 'pageNumber', 'offset', 'limit'];

describe('the read routes', () => {
  it("registers a GET for every one of the binding's 41 read paths", () => {
    const bindingPaths = Object.keys(binding.paths);
    expect(bindingPaths).toHaveLength(41);
    const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.path));
    for (const path of bindingPaths) expect(gets, path).toContain(fastifyPath(path));
    for (const path of bindingPaths) {
      const route = routes.find((r) => r.method === 'GET' && r.path === fastifyPath(path))!;
      expect(route.operationId, path).toBe(binding.paths[path].get.operationId);
    }
  });

  it('has a case below for every GET route', () => {
    const cases = readCases();
    const gets = routes.filter((r) => r.method === 'GET' && !isCourseStructure(r)).map((r) => r.path);
    expect(gets.filter((p) => !(p in cases))).toEqual([]);
    expect(Object.keys(cases).filter((p) => !gets.includes(p))).toEqual([]);
  });

  it.each(Object.keys(binding.paths).concat(['/users/{userId}/agents', '/users/{userId}/agentFor', '/users/{sourcedId}/demographics']))(
    'GET %s',
    async (path) => {
      const c = readCases()[fastifyPath(path)];
      const res = await get(c.url);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      if (c.members) {
        const paged = 'totalCount' in body;
        expect(Object.keys(body).sort()).toEqual([...c.keys, ...(paged ? PAGINATION : [])].sort());
        expect(ids(body[c.keys[0]])).toEqual(c.members);
        for (const key of c.keys) expect(body[key]).toEqual(body[c.keys[0]]);
        if (paged) {
          expect(body).toMatchObject({ totalCount: c.members.length, pageCount: 1, pageNumber: 1, offset: 0, limit: 100 });
          expect(res.headers['x-total-count']).toBe(String(c.members.length));
          expect(res.headers.link).toContain('rel="first"');
          expect(res.headers.link).toContain('rel="last"');
        }
      } else {
        expect(Object.keys(body).sort()).toEqual([...c.keys].sort());
        expect(body[c.keys[0]].sourcedId).toBe(c.one);
        for (const key of c.keys) expect(body[key]).toEqual(body[c.keys[0]]);
      }
      if (binding.paths[path]) expect(bindingErrors(path, body)).toEqual([]);
      // The same with a trailing slash.
      const slashed = await get(`${c.url}/`);
      expect(slashed.statusCode).toBe(200);
      expect(ids(slashed.json()[c.keys[0]] instanceof Array ? slashed.json()[c.keys[0]] : [slashed.json()[c.keys[0]]])).toEqual(c.members ?? [c.one]);
    },
  );

  it('every nested collection and single object of an unknown parent or id → 404 unknownobject', async () => {
    for (const route of routes.filter((r) => r.method === 'GET' && r.path.includes(':') && !isCourseStructure(r))) {
      const res = await get(route.path.replace(/:[A-Za-z]+/g, 'no-such-id'));
      expect(res.statusCode, route.path).toBe(404);
      expect(codeMinor(res), route.path).toBe('unknownobject');
      expect(statusInfoErrors(res.json()), route.path).toEqual([]);
    }
  });
});

describe('the binding validator itself', () => {
  it('rejects bodies the binding does not allow', () => {
    const user = {
      sourcedId: 'u',
      status: 'active',
      dateLastModified: '2026-01-01T00:00:00.000Z',
      enabledUser: 'true',
      givenName: 'A',
      familyName: 'B',
      roles: [{ roleType: 'primary', role: 'student', org: { href: 'https://x/orgs/o', sourcedId: 'o', type: 'org' } }],
    };
    expect(bindingErrors('/users/{sourcedId}', { user })).toEqual([]);
    expect(bindingErrors('/users/{sourcedId}', { user: { ...user, enabledUser: true } })).not.toEqual([]);
    expect(bindingErrors('/users/{sourcedId}', { user: { ...user, givenName: undefined } })).not.toEqual([]);
    expect(bindingErrors('/users/{sourcedId}', { user: { ...user, surprise: 1 } })).not.toEqual([]);
    expect(bindingErrors('/users', { users: [user], extra: [] })).not.toEqual([]);
    expect(() => bindingErrors('/terms', { academicSessions: [], terms: [{}] })).toThrow();
  });
});

describe('exact shapes', () => {
  it('a user: GUIDRefs with absolute hrefs and type, "true"/"false" strings, platform fields', async () => {
    const { user } = (await get(`/users/${id('bart')}`)).json();
    expect(user).toEqual({
      sourcedId: id('bart'),
      status: 'active',
      dateLastModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      metadata: { house: 'blue', level: 3 },
      enabledUser: 'true',
      givenName: 'Bart',
      familyName: 'Simpson',
      roles: [{ roleType: 'primary', role: 'student', org: { href: `${BASE}/orgs/${id('school')}`, sourcedId: id('school'), type: 'org' } }],
      userProfiles: [],
      email: 'bart.simpson@example.edu',
      grades: ['09'],
      agents: [{ href: `${BASE}/users/${id('homer')}`, sourcedId: id('homer'), type: 'user' }],
      resources: [],
    });
    expect((await get(`/users/${id('nelson')}`)).json().user.enabledUser).toBe('false');
  });

  it('a class: course, school and terms as GUIDRefs', async () => {
    const { class: c } = (await get(`/classes/${id('class')}`)).json();
    expect(c).toMatchObject({
      title: 'Algebra I - P1',
      classCode: 'ALG1-1',
      classType: 'scheduled',
      course: { href: `${BASE}/courses/${id('course')}`, sourcedId: id('course'), type: 'course' },
      school: { href: `${BASE}/orgs/${id('school')}`, sourcedId: id('school'), type: 'org' },
      terms: [{ href: `${BASE}/academicSessions/${id('term')}`, sourcedId: id('term'), type: 'academicSession' }],
      periods: ['1'],
    });
  });

  it('an enrollment: primary as a string, school derived from the class, course added', async () => {
    const { enrollment } = (await get(`/enrollments/${id('e-teacher')}`)).json();
    expect(enrollment).toMatchObject({
      role: 'teacher',
      primary: 'true',
      user: { sourcedId: id('teacher'), type: 'user', href: `${BASE}/users/${id('teacher')}` },
      class: { sourcedId: id('class'), type: 'class' },
      school: { sourcedId: id('school'), type: 'org' },
      course: { sourcedId: id('course'), type: 'course' },
    });
    expect((await get(`/enrollments/${id('e-bart')}`)).json().enrollment.primary).toBe('false');
  });

  it('orgs and sessions: parent and children, the session org', async () => {
    const { org } = (await get(`/orgs/${id('district')}`)).json();
    expect(org.children.map((r: { sourcedId: string }) => r.sourcedId)).toEqual([id('school'), id('school2')]);
    expect(org.identifier).toBe('D1');
    expect(org).not.toHaveProperty('parent');
    const { academicSession: term } = (await get(`/academicSessions/${id('term')}`)).json();
    expect(term).toMatchObject({
      type: 'term',
      startDate: '2026-08-01',
      endDate: '2026-12-20',
      schoolYear: '2027',
      parent: { sourcedId: id('year'), type: 'academicSession', href: `${BASE}/academicSessions/${id('year')}` },
      children: [{ sourcedId: id('gp1'), type: 'academicSession', href: `${BASE}/academicSessions/${id('gp1')}` }],
      org: { sourcedId: id('school'), type: 'org' },
    });
  });

  it('demographics: flags as strings; the user with demographics embedded', async () => {
    const { demographics } = (await get(`/demographics/${id('bart')}`)).json();
    expect(demographics).toMatchObject({ sourcedId: id('bart'), status: 'active', birthDate: '2012-04-01', sex: 'male', white: 'true', asian: 'false' });
    const withDemographics = (
      await ctx.request('GET', `${ROSTER}/users/${id('bart')}/demographics`, { token: await ctx.token('roster.readonly', 'roster-demographics.readonly') })
    ).json();
    expect(withDemographics.user.givenName).toBe('Bart');
    expect(withDemographics.user.demographics).toEqual(demographics);
    const without = (await get(`/users/${id('lisa')}/demographics`)).json();
    expect(without.user.sourcedId).toBe(id('lisa'));
    expect(without.user).not.toHaveProperty('demographics');
  });

  it('hrefs follow the request host when PUBLIC_BASE_URL is not set', async () => {
    const local = await createTestContext({ publicBaseUrl: undefined });
    try {
      await local.request('POST', `${ROSTER}/orgs`, { body: { org: { sourcedId: 'p', name: 'Parent', type: 'district' } } });
      await local.request('POST', `${ROSTER}/orgs`, { body: { org: { sourcedId: 'c', name: 'Child', type: 'school', parent: { sourcedId: 'p' } } } });
      const res = await local.app.inject({
        method: 'GET',
        url: `${ROSTER}/orgs/c`,
        headers: { host: 'roster.example.org', authorization: `Bearer ${await local.admin()}` },
      });
      expect(res.json().org.parent.href).toBe(`http://roster.example.org${ROSTER}/orgs/p`);
    } finally {
      await local.close();
    }
  });
});

describe('views and nested collections', () => {
  it('/schools/{id} on a district, /terms/{id} on a school year, /gradingPeriods/{id} on a term → 404', async () => {
    for (const url of [`/schools/${id('district')}`, `/terms/${id('year')}`, `/terms/${id('gp1')}`, `/gradingPeriods/${id('term')}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(codeMinor(res)).toBe('unknownobject');
    }
  });

  it('/students/{id} on a non-student, /teachers/{id} on a non-teacher → 404', async () => {
    for (const url of [`/students/${id('homer')}`, `/students/${id('teacher')}`, `/teachers/${id('bart')}`]) expect((await get(url)).statusCode, url).toBe(404);
  });

  it('nested collections under an object of the wrong kind → 404', async () => {
    for (const url of [
      `/schools/${id('district')}/classes`,
      `/schools/${id('district')}/students`,
      `/terms/${id('year')}/classes`,
      `/terms/${id('gp1')}/gradingPeriods`,
      `/students/${id('teacher')}/classes`,
      `/teachers/${id('bart')}/classes`,
    ])
      expect((await get(url)).statusCode, url).toBe(404);
  });

  it('a class not in the school in the path → 404', async () => {
    for (const what of ['enrollments', 'students', 'teachers']) {
      const res = await get(`/schools/${id('school')}/classes/${id('class2')}/${what}`);
      expect(res.statusCode, what).toBe(404);
      expect(codeMinor(res)).toBe('unknownobject');
    }
  });

  it('terms of a school: its own terms, and terms a class of the school runs in', async () => {
    expect(ids((await get(`/schools/${id('school')}/terms`)).json().terms)).toEqual([id('term')]);
    expect(ids((await get(`/schools/${id('school2')}/terms`)).json().terms)).toEqual([id('term2')]);
  });

  it('students of a school are users with the student role at that org, whatever their enrollments', async () => {
    expect(ids((await get(`/schools/${id('school2')}/students`)).json().users)).toEqual([id('nelson')]);
    expect((await get(`/schools/${id('school2')}/teachers`)).json().users).toEqual([]);
  });

  it('classes of a user hold every role; classes of a student only the student enrollments', async () => {
    expect(ids((await get(`/users/${id('teacher')}/classes`)).json().classes)).toEqual([id('class')]);
    expect((await get(`/users/${id('homer')}/classes`)).json().classes).toEqual([]);
  });

  it('an empty collection still has its envelope and headers', async () => {
    const res = await get(`/users/${id('homer')}/classes`);
    expect(res.json()).toEqual({ classes: [], totalCount: 0, pageCount: 0, pageNumber: 1, offset: 0, limit: 100 });
    expect(res.headers['x-total-count']).toBe('0');
  });
});

describe('pagination', () => {
  it('reports totals in the body and X-Total-Count, and links first/prev/next/last', async () => {
    const res = await get('/users?limit=2&offset=2&sort=givenName');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ totalCount: 6, pageCount: 3, pageNumber: 2, offset: 2, limit: 2 });
    expect(body.users).toHaveLength(2);
    expect(res.headers['x-total-count']).toBe('6');
    const links = Object.fromEntries(
      String(res.headers.link)
        .split(', ')
        .map((part) => {
          const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
          return [rel, new URL(url)];
        }),
    );
    expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next', 'prev']);
    expect(links.first.origin + links.first.pathname).toBe(`${BASE}/users`);
    expect(links.first.searchParams.get('sort')).toBe('givenName');
    expect([links.first, links.prev, links.next, links.last].map((u) => u.searchParams.get('offset'))).toEqual(['0', '0', '4', '4']);
    for (const u of Object.values(links)) expect(u.searchParams.get('limit')).toBe('2');
  });

  it('a long query keeps the Link header under 8 KB: the most useful links that fit, none when not even one does', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `padding-id-${String(i).padStart(6, '0')}`).join(',');
    const medium = await get(`/users?limit=1&offset=1&filter=${encodeURIComponent(`sourcedId!='x' AND familyName!='${'y'.repeat(2500)}'`)}`);
    expect(medium.statusCode).toBe(200);
    const link = String(medium.headers.link);
    expect(link.length).toBeLessThanOrEqual(8192);
    expect(link.startsWith('<')).toBe(true);
    expect(link).toContain('rel="next"');
    expect(link).not.toContain('rel="last"');
    const long = await get(`/users?filter=${encodeURIComponent(`sourcedId@'${ids(420)}'`)}`);
    expect(long.statusCode, long.body).toBe(200);
    expect(long.headers.link === undefined || String(long.headers.link).length <= 8192).toBe(true);
    expect(long.headers['x-total-count']).toBeDefined();
  });

  it('the first page has no prev, the last no next', async () => {
    expect(String((await get('/users?limit=4')).headers.link)).not.toContain('rel="prev"');
    const last = await get('/users?limit=4&offset=4');
    expect(String(last.headers.link)).not.toContain('rel="next"');
    expect(last.json().users).toHaveLength(2);
    const past = await get('/users?limit=4&offset=40');
    expect(past.json()).toMatchObject({ users: [], totalCount: 6 });
  });
});
