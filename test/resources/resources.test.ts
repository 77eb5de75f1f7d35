import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, codeMinor, seedRoster, RESOURCES, ROSTER, type TestContext } from '../helpers.js';

let ctx: TestContext;
let id: (s: string) => string;

const resource = (key: string, extra: Record<string, unknown> = {}) => ({
  resource: { sourcedId: id(key), title: `Resource ${key}`, vendorResourceId: `vr-${key}`, ...extra },
});
const created = async (body: unknown) => {
  const res = await ctx.request('POST', `${RESOURCES}/resources`, { body });
  expect(res.statusCode, res.body).toBe(201);
  return res;
};
const ids = (res: { json(): { resources: { sourcedId: string }[] } }) =>
  res
    .json()
    .resources.map((r) => r.sourcedId)
    .sort();

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'r'));
  await created(
    resource('video', {
      roles: ['student', 'ext:coach'],
      importance: 'primary',
      vendorId: 'v1',
      applicationId: 'app',
      metadata: { type: 'video', url: 'https://v.example/1', xp: 10, grades: ['9'] },
    }),
  );
  await created(resource('quiz', { metadata: { type: 'qti', subType: 'qti-test', xp: 40, subject: 'Math' } }));
  await created(resource('app', { metadata: { type: 'external', launchUrl: 'https://tool.example/launch', toolProvider: 'mastery-track' } }));
  await created(resource('course-book', { metadata: { type: 'text' } }));
  await created(resource('class-sheet', { metadata: { type: 'text' } }));
  await created(resource('user-note', { metadata: { type: 'text' } }));
  // The course names one resource, the class another, a student a third.
  const course = (await ctx.request('GET', `${ROSTER}/courses/${id('course')}`)).json().course;
  await ctx.request('PUT', `${ROSTER}/courses/${id('course')}`, { body: { course: { ...course, resources: [{ sourcedId: id('course-book') }] } } });
  const cls = (await ctx.request('GET', `${ROSTER}/classes/${id('class')}`)).json().class;
  const classPut = await ctx.request('PUT', `${ROSTER}/classes/${id('class')}`, { body: { class: { ...cls, resources: [{ sourcedId: id('class-sheet') }] } } });
  expect(classPut.statusCode, classPut.body).toBe(200);
  const user = (await ctx.request('GET', `${ROSTER}/users/${id('milhouse')}`)).json().user;
  const userPut = await ctx.request('PUT', `${ROSTER}/users/${id('milhouse')}`, { body: { user: { ...user, resources: [{ sourcedId: id('user-note') }] } } });
  expect(userPut.statusCode, userPut.body).toBe(200);
});
afterAll(async () => ctx?.close());

describe('resources CRUD', () => {
  it('gets a resource with the binding fields and metadata', async () => {
    const res = await ctx.request('GET', `${RESOURCES}/resources/${id('video')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().resource).toMatchObject({
      sourcedId: id('video'),
      status: 'active',
      title: 'Resource video',
      roles: ['student', 'ext:coach'],
      importance: 'primary',
      vendorResourceId: 'vr-video',
      vendorId: 'v1',
      applicationId: 'app',
      metadata: { type: 'video', xp: 10 },
    });
    expect(res.json().resource.dateLastModified).toMatch(/Z$/);
  });

  it('404s an unknown resource', async () => {
    const res = await ctx.request('GET', `${RESOURCES}/resources/nope`);
    expect(res.statusCode).toBe(404);
    expect(codeMinor(res)).toBe('unknownobject');
  });

  it('lists with filter on metadata, search over title and vendorResourceId, sort and paging', async () => {
    const byType = await ctx.request('GET', `${RESOURCES}/resources?filter=${encodeURIComponent("metadata.type='qti'")}`);
    expect(ids(byType)).toEqual([id('quiz')]);
    const byXp = await ctx.request('GET', `${RESOURCES}/resources?filter=${encodeURIComponent("metadata.xp>='20'")}`);
    expect(ids(byXp)).toEqual([id('quiz')]);
    const search = await ctx.request('GET', `${RESOURCES}/resources?search=vr-app`);
    expect(ids(search)).toEqual([id('app')]);
    const byTitle = await ctx.request('GET', `${RESOURCES}/resources?search=${encodeURIComponent('resource quiz')}`);
    expect(ids(byTitle)).toEqual([id('quiz')]);
    const page = await ctx.request('GET', `${RESOURCES}/resources?sort=title&orderBy=desc&limit=2&fields=sourcedId,title`);
    expect(page.headers['x-total-count']).toBe('6');
    expect(page.json().resources).toEqual([
      { sourcedId: id('video'), title: 'Resource video' },
      { sourcedId: id('user-note'), title: 'Resource user-note' },
    ]);
    const roles = await ctx.request('GET', `${RESOURCES}/resources?filter=${encodeURIComponent("roles~'coach'")}`);
    expect(ids(roles)).toEqual([id('video')]);
  });

  it('rejects bad queries and bodies', async () => {
    expect((await ctx.request('GET', `${RESOURCES}/resources?filter=${encodeURIComponent("colour='red'")}`)).statusCode).toBe(400);
    expect((await ctx.request('GET', `${RESOURCES}/resources?fields=`)).statusCode).toBe(400);
    const noVendorId = await ctx.request('POST', `${RESOURCES}/resources`, { body: { resource: { title: 'x' } } });
    expect(noVendorId.statusCode).toBe(400);
    const badRole = await ctx.request('POST', `${RESOURCES}/resources`, { body: resource('bad', { roles: ['wizard'] }) });
    expect(badRole.statusCode).toBe(400);
    const badImportance = await ctx.request('POST', `${RESOURCES}/resources`, { body: resource('bad', { importance: 'tertiary' }) });
    expect(badImportance.statusCode).toBe(400);
    const duplicate = await ctx.request('POST', `${RESOURCES}/resources`, { body: resource('video') });
    expect(duplicate.statusCode).toBe(422);
  });

  it('creates with an allocated id, replaces with PUT and soft-deletes', async () => {
    const post = await ctx.request('POST', `${RESOURCES}/resources`, { body: { resource: { title: 'Generated', vendorResourceId: 'gen' } } });
    expect(post.statusCode).toBe(201);
    const allocated = post.json().sourcedIdPairs.allocatedSourcedId;
    expect(allocated).toMatch(/^[0-9a-f-]{36}$/);

    const put = await ctx.request('PUT', `${RESOURCES}/resources/${allocated}`, {
      body: { resource: { title: 'Renamed', vendorResourceId: 'gen2', metadata: { type: 'audio' } } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().resource).toMatchObject({ sourcedId: allocated, title: 'Renamed', vendorResourceId: 'gen2', metadata: { type: 'audio' } });
    const upsert = await ctx.request('PUT', `${RESOURCES}/resources/${id('fresh')}`, { body: resource('fresh') });
    expect(upsert.statusCode).toBe(201);

    expect((await ctx.request('DELETE', `${RESOURCES}/resources/${allocated}`)).statusCode).toBe(204);
    expect((await ctx.request('GET', `${RESOURCES}/resources/${allocated}`)).statusCode).toBe(404);
    expect((await ctx.request('DELETE', `${RESOURCES}/resources/${allocated}`)).statusCode).toBe(404);
    const delta = await ctx.request('GET', `${RESOURCES}/resources?filter=${encodeURIComponent(`status='tobedeleted'`)}`);
    expect(ids(delta)).toEqual([allocated]);
  });
});

describe('resources of classes, courses and users', () => {
  for (const prefix of ['', '/resources']) {
    it(`${prefix || 'binding paths'}: course → its own; class → its own plus its course's; user → own plus enrolled classes'`, async () => {
      expect(ids(await ctx.request('GET', `${RESOURCES}${prefix}/courses/${id('course')}/resources`))).toEqual([id('course-book')]);
      expect(ids(await ctx.request('GET', `${RESOURCES}${prefix}/classes/${id('class')}/resources`))).toEqual([id('class-sheet'), id('course-book')]);
      // Bart is enrolled in the class; Milhouse is not, but names a resource of his own.
      expect(ids(await ctx.request('GET', `${RESOURCES}${prefix}/users/${id('bart')}/resources`))).toEqual([id('class-sheet'), id('course-book')]);
      expect(ids(await ctx.request('GET', `${RESOURCES}${prefix}/users/${id('milhouse')}/resources`))).toEqual([id('user-note')]);
      const filtered = await ctx.request('GET', `${RESOURCES}${prefix}/classes/${id('class')}/resources?search=sheet`);
      expect(ids(filtered)).toEqual([id('class-sheet')]);
      for (const owner of ['classes', 'courses', 'users']) {
        const missing = await ctx.request('GET', `${RESOURCES}${prefix}/${owner}/nope/resources`);
        expect(missing.statusCode).toBe(404);
      }
    });
  }

  it("includes the resources of a course's lessons", async () => {
    const unit = await ctx.request('POST', `${ROSTER}/courses/components`, {
      body: { courseComponent: { sourcedId: id('u1'), course: { sourcedId: id('course') }, title: 'Unit 1' } },
    });
    expect(unit.statusCode, unit.body).toBe(201);
    const lesson = await ctx.request('POST', `${ROSTER}/courses/component-resources`, {
      body: { componentResource: { sourcedId: id('l1'), courseComponent: { sourcedId: id('u1') }, resource: { sourcedId: id('quiz') }, title: 'Quiz 1' } },
    });
    expect(lesson.statusCode, lesson.body).toBe(201);
    expect(ids(await ctx.request('GET', `${RESOURCES}/courses/${id('course')}/resources`))).toEqual([id('course-book'), id('quiz')]);
    expect(ids(await ctx.request('GET', `${RESOURCES}/users/${id('lisa')}/resources`))).toEqual([id('class-sheet'), id('course-book'), id('quiz')]);
    // A deleted unit takes its lessons' resources out of the course's view.
    expect((await ctx.request('DELETE', `${ROSTER}/courses/components/${id('u1')}`)).statusCode).toBe(204);
    expect(ids(await ctx.request('GET', `${RESOURCES}/courses/${id('course')}/resources`))).toEqual([id('course-book')]);
  });
});

describe('resources security', () => {
  it('answers 401 without a token and 403 without the scope, per operation', async () => {
    expect((await ctx.request('GET', `${RESOURCES}/resources`, { token: null })).statusCode).toBe(401);
    const roster = await ctx.token('roster.readonly');
    expect((await ctx.request('GET', `${RESOURCES}/resources`, { token: roster })).statusCode).toBe(403);
    const core = await ctx.token('resource-core.readonly');
    expect((await ctx.request('GET', `${RESOURCES}/resources`, { token: core })).statusCode).toBe(200);
    expect((await ctx.request('GET', `${RESOURCES}/resources/${id('video')}`, { token: core })).statusCode).toBe(200);
    // resource-core covers only the two top-level reads.
    expect((await ctx.request('GET', `${RESOURCES}/classes/${id('class')}/resources`, { token: core })).statusCode).toBe(403);
    const read = await ctx.token('https://purl.imsglobal.org/spec/or/v1p1/scope/resource.readonly');
    expect((await ctx.request('GET', `${RESOURCES}/classes/${id('class')}/resources`, { token: read })).statusCode).toBe(200);
    expect((await ctx.request('POST', `${RESOURCES}/resources`, { token: read, body: resource('denied') })).statusCode).toBe(403);
    const write = await ctx.token('resource.createput');
    expect((await ctx.request('POST', `${RESOURCES}/resources`, { token: write, body: resource('allowed') })).statusCode).toBe(201);
    expect((await ctx.request('DELETE', `${RESOURCES}/resources/${id('allowed')}`, { token: write })).statusCode).toBe(403);
    const remove = await ctx.token('resource.delete');
    expect((await ctx.request('DELETE', `${RESOURCES}/resources/${id('allowed')}`, { token: remove })).statusCode).toBe(204);
    expect((await ctx.request('POST', `${RESOURCES}/resources/export/${id('video')}`, { token: write })).statusCode).toBe(403);
  });

  it('publishes a discovery document with every path and its scopes', async () => {
    const res = await ctx.request('GET', `${RESOURCES}/discovery/onerosterv1p2resourcesservice_openapi3_v1p0.json`, { token: null });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/resources',
        '/resources/{sourcedId}',
        '/classes/{classSourcedId}/resources',
        '/resources/users/{userSourcedId}/resources',
        '/resources/export/{sourceId}',
      ]),
    );
    expect(doc.paths['/resources'].get.security).toEqual([
      { OAuth2CC: ['https://purl.imsglobal.org/spec/or/v1p2/scope/resource.readonly'] },
      { OAuth2CC: ['https://purl.imsglobal.org/spec/or/v1p2/scope/resource-core.readonly'] },
    ]);
    expect(Object.keys(doc.paths['/resources/export/{sourceId}'].post.responses[200].content)).toEqual(['application/zip']);
    expect((await ctx.request('GET', `${RESOURCES}/discovery/imsorv1p2_resources_openapi3_v1p0.json`, { token: null })).statusCode).toBe(200);
  });
});
