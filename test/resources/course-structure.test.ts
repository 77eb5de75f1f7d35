import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, codeMinor, seedRoster, RESOURCES, ROSTER, type TestContext } from '../helpers.js';

let ctx: TestContext;
let id: (s: string) => string;

const COMPONENTS = `${ROSTER}/courses/components`;
const LESSONS = `${ROSTER}/courses/component-resources`;
const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

const component = (key: string, extra: Record<string, unknown> = {}) => ({
  courseComponent: { sourcedId: id(key), course: { sourcedId: id('course') }, title: `Component ${key}`, ...extra },
});
const lesson = (key: string, unit: string, resource: string, extra: Record<string, unknown> = {}) => ({
  componentResource: { sourcedId: id(key), courseComponent: { sourcedId: id(unit) }, resource: { sourcedId: id(resource) }, title: `Lesson ${key}`, ...extra },
});
async function ok(method: string, url: string, body?: unknown) {
  const res = await ctx.request(method, url, { body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}
const listIds = async (url: string, key: string) => {
  const res = await ctx.request('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json()[key] as { sourcedId: string }[]).map((r) => r.sourcedId);
};

beforeAll(async () => {
  ctx = await createTestContext();
  ({ id } = await seedRoster(ctx, 'cs'));
  await ok('POST', `${ROSTER}/courses`, { course: { sourcedId: id('other-course'), title: 'Geometry', org: { sourcedId: id('school') } } });
  for (const key of ['r1', 'r2', 'r3']) {
    await ok('POST', `${RESOURCES}/resources`, {
      resource: { sourcedId: id(key), title: `Resource ${key}`, vendorResourceId: key, metadata: { type: 'qti', url: `https://qti.example/${key}` } },
    });
  }
  // Unit 2 sorts before unit 1; unit 1 has a sub-unit with two lessons in reverse creation order.
  await ok('POST', COMPONENTS, component('unit1', { sortOrder: 2, metadata: { band: 'a' } }));
  await ok(
    'POST',
    COMPONENTS,
    component('unit2', { sortOrder: 1, prerequisites: [id('unit1')], prerequisiteCriteria: 'ALL', unlockDate: '2026-09-01T00:00:00.000Z' }),
  );
  await ok('POST', COMPONENTS, component('sub1', { parent: { sourcedId: id('unit1') }, sortOrder: 1 }));
  await ok('POST', LESSONS, lesson('l-b', 'sub1', 'r2', { sortOrder: 2, lessonType: 'quiz' }));
  await ok('POST', LESSONS, lesson('l-a', 'sub1', 'r1', { sortOrder: 1, lessonType: 'powerpath-100', metadata: { xp: 5 } }));
  await ok('POST', LESSONS, lesson('l-c', 'unit2', 'r3'));
});
afterAll(async () => ctx?.close());

describe('course components', () => {
  it('are routed apart from /courses/{sourcedId}', async () => {
    const list = await ctx.request('GET', COMPONENTS);
    expect(list.statusCode).toBe(200);
    expect(list.json().courseComponents.length).toBe(3);
    expect((await ctx.request('GET', `${LESSONS}`)).json().componentResources.length).toBe(3);
    expect((await ctx.request('GET', `${ROSTER}/courses/${id('course')}`)).json().course.sourcedId).toBe(id('course'));
  });

  it('get one with both names of the parent, prerequisites as ids, and 404 for unknown', async () => {
    const res = await ctx.request('GET', `${COMPONENTS}/${id('sub1')}`);
    expect(res.statusCode).toBe(200);
    const sub = res.json().courseComponent;
    expect(sub.course.sourcedId).toBe(id('course'));
    expect(sub.courseComponent).toEqual({ href: `https://learnstack.test${COMPONENTS}/${id('unit1')}`, sourcedId: id('unit1'), type: 'courseComponent' });
    expect(sub.parent.sourcedId).toBe(id('unit1'));
    const unit2 = (await ctx.request('GET', `${COMPONENTS}/${id('unit2')}`)).json().courseComponent;
    expect(unit2).toMatchObject({ prerequisites: [id('unit1')], prerequisiteCriteria: 'ALL', unlockDate: '2026-09-01T00:00:00.000Z', sortOrder: 1 });
    const missing = await ctx.request('GET', `${COMPONENTS}/nope`);
    expect(missing.statusCode).toBe(404);
    expect(codeMinor(missing)).toBe('unknownobject');
  });

  it('filter by course and parent, sorted by sortOrder', async () => {
    expect(await listIds(`${COMPONENTS}?${q(`course.sourcedId='${id('course')}'`)}&sort=sortOrder`, 'courseComponents')).toEqual([
      id('sub1'),
      id('unit2'),
      id('unit1'),
    ]);
    expect(await listIds(`${COMPONENTS}?${q(`courseComponent.sourcedId='${id('unit1')}'`)}`, 'courseComponents')).toEqual([id('sub1')]);
    expect(await listIds(`${COMPONENTS}?${q(`parent.sourcedId='${id('unit1')}'`)}`, 'courseComponents')).toEqual([id('sub1')]);
    expect(await listIds(`${COMPONENTS}?${q(`metadata.band='a'`)}`, 'courseComponents')).toEqual([id('unit1')]);
    expect(await listIds(`${COMPONENTS}?${q(`course.sourcedId='${id('other-course')}'`)}`, 'courseComponents')).toEqual([]);
  });

  it('refuse a parent from another course, a cycle, unknown references and bad bodies', async () => {
    await ok('POST', COMPONENTS, { courseComponent: { sourcedId: id('geo1'), course: { sourcedId: id('other-course') }, title: 'Geo 1' } });
    const foreign = await ctx.request('POST', COMPONENTS, { body: component('x', { courseComponent: { sourcedId: id('geo1') } }) });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().imsx_error_details).toEqual([{ courseComponent: expect.stringContaining('another course') }]);
    // unit1 → sub1 → unit1 would be a cycle; so would a component being its own parent.
    const cycle = await ctx.request('PUT', `${COMPONENTS}/${id('unit1')}`, { body: component('unit1', { parent: { sourcedId: id('sub1') } }) });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().imsx_description).toContain('cycle');
    const self = await ctx.request('PUT', `${COMPONENTS}/${id('unit1')}`, { body: component('unit1', { parent: { sourcedId: id('unit1') } }) });
    expect(self.statusCode).toBe(422);
    expect((await ctx.request('GET', `${COMPONENTS}/${id('unit1')}`)).json().courseComponent.courseComponent).toBeUndefined();

    const noCourse = await ctx.request('POST', COMPONENTS, { body: { courseComponent: { title: 'x', course: { sourcedId: 'nope' } } } });
    expect(noCourse.statusCode).toBe(422);
    expect(noCourse.json().imsx_error_details).toEqual([{ course: expect.any(String) }]);
    const badPrereq = await ctx.request('POST', COMPONENTS, { body: component('y', { prerequisites: [id('unit1'), id('geo1')] }) });
    expect(badPrereq.statusCode).toBe(422);
    expect(badPrereq.json().imsx_error_details).toEqual([{ 'prerequisites[1]': expect.any(String) }]);
    expect((await ctx.request('POST', COMPONENTS, { body: { courseComponent: { course: { sourcedId: id('course') } } } })).statusCode).toBe(400);
    expect((await ctx.request('POST', COMPONENTS, { body: component('z', { sortOrder: 'first' }) })).statusCode).toBe(400);
    expect((await ctx.request('GET', `${COMPONENTS}?${q("colour='red'")}`)).statusCode).toBe(400);
    // A component with sub-components cannot move to another course on its own.
    const move = await ctx.request('PUT', `${COMPONENTS}/${id('unit1')}`, {
      body: { courseComponent: { course: { sourcedId: id('other-course') }, title: 'moved' } },
    });
    expect(move.statusCode).toBe(422);
  });

  it('accept prerequisites as GUIDRefs and store ids', async () => {
    const res = await ctx.request('PUT', `${COMPONENTS}/${id('unit3')}`, {
      body: component('unit3', { prerequisites: [{ sourcedId: id('unit2') }], sortOrder: 3 }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().courseComponent.prerequisites).toEqual([id('unit2')]);
  });
});

describe('component resources', () => {
  it('get one, list in order within a component, and filter by lesson type and course', async () => {
    const one = (await ctx.request('GET', `${LESSONS}/${id('l-a')}`)).json().componentResource;
    expect(one).toMatchObject({
      courseComponent: { sourcedId: id('sub1'), type: 'courseComponent' },
      resource: { sourcedId: id('r1'), type: 'resource' },
      course: { sourcedId: id('course') },
      title: 'Lesson l-a',
      sortOrder: 1,
      lessonType: 'powerpath-100',
      metadata: { xp: 5 },
    });
    expect(await listIds(`${LESSONS}?${q(`courseComponent.sourcedId='${id('sub1')}'`)}&sort=sortOrder`, 'componentResources')).toEqual([id('l-a'), id('l-b')]);
    expect(await listIds(`${LESSONS}?${q("lessonType='quiz'")}`, 'componentResources')).toEqual([id('l-b')]);
    expect(await listIds(`${LESSONS}?${q(`course.sourcedId='${id('course')}'`)}&sort=title`, 'componentResources')).toEqual([id('l-a'), id('l-b'), id('l-c')]);
    expect(await listIds(`${LESSONS}?${q(`resource.sourcedId='${id('r3')}'`)}`, 'componentResources')).toEqual([id('l-c')]);
    expect((await ctx.request('GET', `${LESSONS}/nope`)).statusCode).toBe(404);
  });

  it('refuse unknown references, unknown lesson types and missing fields; PUT replaces', async () => {
    const unknown = await ctx.request('POST', LESSONS, { body: lesson('bad', 'sub1', 'nope') });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().imsx_error_details).toEqual([{ resource: expect.any(String) }]);
    expect((await ctx.request('POST', LESSONS, { body: lesson('bad', 'sub1', 'r1', { lessonType: 'exam' }) })).statusCode).toBe(400);
    // The platform's "no lesson type": accepted, stored as no type (its GET schema has no None).
    const none = await ctx.request('POST', LESSONS, { body: lesson('l-none', 'sub1', 'r1', { lessonType: 'None' }) });
    expect(none.statusCode, none.body).toBe(201);
    expect((await ctx.request('GET', `${LESSONS}/${id('l-none')}`)).json().componentResource.lessonType).toBeUndefined();
    expect((await ctx.request('DELETE', `${LESSONS}/${id('l-none')}`)).statusCode).toBe(204);
    expect((await ctx.request('POST', LESSONS, { body: { componentResource: { title: 'x' } } })).statusCode).toBe(400);
    const put = await ctx.request('PUT', `${LESSONS}/${id('l-c')}`, {
      body: lesson('l-c', 'unit2', 'r3', { lessonType: null, title: 'Renamed', sortOrder: 4.5 }),
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().componentResource).toMatchObject({ title: 'Renamed', sortOrder: 4.5 });
    expect(put.json().componentResource.lessonType).toBeUndefined();
  });
});

describe('soft deletion hides the branch and a PUT restores it', () => {
  it('deleting a unit hides its sub-units and lessons; restoring it shows them again', async () => {
    expect((await ctx.request('DELETE', `${COMPONENTS}/${id('unit1')}`)).statusCode).toBe(204);
    expect((await ctx.request('GET', `${COMPONENTS}/${id('sub1')}`)).statusCode).toBe(404);
    expect((await ctx.request('GET', `${LESSONS}/${id('l-a')}`)).statusCode).toBe(404);
    expect(await listIds(`${LESSONS}?${q(`course.sourcedId='${id('course')}'`)}`, 'componentResources')).toEqual([id('l-c')]);
    // Only the unit itself was marked.
    const marked = await listIds(`${COMPONENTS}?${q("status='tobedeleted'")}`, 'courseComponents');
    expect(marked).toEqual([id('unit1')]);
    // A new lesson cannot be hung under a deleted unit.
    expect((await ctx.request('POST', LESSONS, { body: lesson('l-new', 'unit1', 'r1') })).statusCode).toBe(422);

    await ok('PUT', `${COMPONENTS}/${id('unit1')}`, component('unit1', { status: 'active', sortOrder: 2 }));
    expect(await listIds(`${LESSONS}?${q(`course.sourcedId='${id('course')}'`)}&sort=sortOrder`, 'componentResources')).toEqual([
      id('l-a'),
      id('l-b'),
      id('l-c'),
    ]);
  });

  it('deleting a resource hides its lessons; deleting the course hides the whole tree', async () => {
    expect((await ctx.request('DELETE', `${RESOURCES}/resources/${id('r2')}`)).statusCode).toBe(204);
    expect((await ctx.request('GET', `${LESSONS}/${id('l-b')}`)).statusCode).toBe(404);
    expect((await ctx.request('DELETE', `${LESSONS}/${id('l-b')}`)).statusCode).toBe(404);

    expect((await ctx.request('DELETE', `${ROSTER}/courses/${id('course')}`)).statusCode).toBe(204);
    expect(await listIds(`${COMPONENTS}?${q(`course.sourcedId='${id('course')}'`)}`, 'courseComponents')).toEqual([]);
    expect(await listIds(`${LESSONS}?${q(`course.sourcedId='${id('course')}'`)}`, 'componentResources')).toEqual([]);
    expect(await listIds(COMPONENTS, 'courseComponents')).toEqual([id('geo1')]);

    const course = (await ctx.request('GET', `${ROSTER}/courses/${id('other-course')}`)).json().course;
    await ok('PUT', `${ROSTER}/courses/${id('course')}`, { course: { ...course, sourcedId: id('course'), title: 'Algebra I', status: 'active' } });
    expect((await listIds(`${COMPONENTS}?${q(`course.sourcedId='${id('course')}'`)}`, 'courseComponents')).sort()).toEqual(
      [id('sub1'), id('unit1'), id('unit2'), id('unit3')].sort(),
    );
    expect(await listIds(`${LESSONS}?${q(`course.sourcedId='${id('course')}'`)}&sort=sortOrder`, 'componentResources')).toEqual([id('l-a'), id('l-c')]);
  });
});

describe('course structure import', () => {
  const entry = (unit: string, n: number, extra: Record<string, unknown> = {}) => ({
    url: `https://qti.example/tests/${n}`,
    skillCode: `S${n}`,
    lessonCode: `L${n}`,
    title: `Test ${n}`,
    'unit-title': unit,
    status: 'active',
    xp: 10 * n,
    ...extra,
  });
  const course = (key: string) => ({ sourcedId: id(key), title: `Imported ${key}`, org: { sourcedId: id('school') }, status: 'active' });

  it('creates the course, one unit per unit-title, one resource and one lesson per entry', async () => {
    const res = await ctx.request('POST', `${ROSTER}/courses/structure`, {
      body: {
        course: course('imp'),
        courseStructure: {
          't-1': entry('Fractions', 1, { stimulus: { title: 'Passage', identifier: 'stim-1' } }),
          't-2': entry('Decimals', 2, { video: { url: 'https://video.example/2', title: 'Intro' } }),
          't-3': entry('Fractions', 3),
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sourcedIdPairs).toEqual({ suppliedSourcedId: id('imp'), allocatedSourcedId: id('imp') });

    const units = (await ctx.request('GET', `${COMPONENTS}?${q(`course.sourcedId='${id('imp')}'`)}&sort=sortOrder`)).json().courseComponents;
    expect(units.map((u: { title: string; sourcedId: string }) => [u.sourcedId, u.title])).toEqual([
      [`${id('imp')}-unit-1`, 'Fractions'],
      [`${id('imp')}-unit-2`, 'Decimals'],
    ]);
    const fractions = (await ctx.request('GET', `${LESSONS}?${q(`courseComponent.sourcedId='${id('imp')}-unit-1'`)}&sort=sortOrder`)).json().componentResources;
    expect(fractions.map((l: { title: string }) => l.title)).toEqual(['Test 1', 'Test 3']);
    const resource = (await ctx.request('GET', `${RESOURCES}/resources/${fractions[0].resource.sourcedId}`)).json().resource;
    expect(resource).toMatchObject({
      title: 'Test 1',
      vendorResourceId: 't-1',
      metadata: {
        type: 'qti',
        subType: 'qti-test',
        url: 'https://qti.example/tests/1',
        xp: 10,
        skillCode: 'S1',
        lessonCode: 'L1',
        stimulus: { title: 'Passage', identifier: 'stim-1' },
      },
    });
    const decimals = (await ctx.request('GET', `${RESOURCES}/resources/${id('imp')}-unit-2-lesson-1-resource`)).json().resource;
    expect(decimals.metadata.video).toEqual({ url: 'https://video.example/2', title: 'Intro' });
  });

  it('is all or nothing', async () => {
    // The second entry's lesson collides with a component resource that already exists.
    await ok('POST', `${ROSTER}/courses/components`, { courseComponent: { sourcedId: id('geo2'), course: { sourcedId: id('other-course') }, title: 'Geo 2' } });
    await ok('POST', LESSONS, {
      componentResource: {
        sourcedId: `${id('half')}-unit-1-lesson-2`,
        courseComponent: { sourcedId: id('geo2') },
        resource: { sourcedId: id('r1') },
        title: 'squatter',
      },
    });
    const res = await ctx.request('POST', `${ROSTER}/courses/structure`, {
      body: { course: course('half'), courseStructure: { a: entry('U', 1), b: entry('U', 2) } },
    });
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json().imsx_error_details[0])).toEqual(['courseStructure.b.sourcedId']);
    expect((await ctx.request('GET', `${ROSTER}/courses/${id('half')}`)).statusCode).toBe(404);
    expect((await ctx.request('GET', `${COMPONENTS}/${id('half')}-unit-1`)).statusCode).toBe(404);
    expect((await ctx.request('GET', `${RESOURCES}/resources/${id('half')}-unit-1-lesson-1-resource`)).statusCode).toBe(404);

    const existing = await ctx.request('POST', `${ROSTER}/courses/structure`, { body: { course: course('imp'), courseStructure: { a: entry('U', 1) } } });
    expect(existing.statusCode).toBe(422);
    const noOrg = await ctx.request('POST', `${ROSTER}/courses/structure`, {
      body: { course: { ...course('x'), org: { sourcedId: 'nope' } }, courseStructure: { a: entry('U', 1) } },
    });
    expect(noOrg.statusCode).toBe(422);
    expect(Object.keys(noOrg.json().imsx_error_details[0])).toEqual(['course.org']);
  });

  it('rejects malformed bodies with 400', async () => {
    const missingXp = await ctx.request('POST', `${ROSTER}/courses/structure`, {
      body: { course: course('m'), courseStructure: { a: { ...entry('U', 1), xp: undefined } } },
    });
    expect(missingXp.statusCode).toBe(400);
    expect((await ctx.request('POST', `${ROSTER}/courses/structure`, { body: { course: course('m'), courseStructure: {} } })).statusCode).toBe(400);
    expect((await ctx.request('POST', `${ROSTER}/courses/structure`, { body: { courseStructure: { a: entry('U', 1) } } })).statusCode).toBe(400);
  });
});

describe('course structure security', () => {
  it('components and lessons follow the roster scopes; the import also needs resource.createput', async () => {
    expect((await ctx.request('GET', COMPONENTS, { token: null })).statusCode).toBe(401);
    const core = await ctx.token('roster-core.readonly');
    expect((await ctx.request('GET', COMPONENTS, { token: core })).statusCode).toBe(200);
    expect((await ctx.request('GET', `${LESSONS}/${id('l-a')}`, { token: core })).statusCode).toBe(200);
    expect((await ctx.request('POST', COMPONENTS, { token: core, body: component('denied') })).statusCode).toBe(403);
    const resourceRead = await ctx.token('resource.readonly');
    expect((await ctx.request('GET', LESSONS, { token: resourceRead })).statusCode).toBe(403);
    const write = await ctx.token('roster.createput');
    expect((await ctx.request('POST', COMPONENTS, { token: write, body: component('allowed') })).statusCode).toBe(201);
    expect((await ctx.request('DELETE', `${COMPONENTS}/${id('allowed')}`, { token: write })).statusCode).toBe(403);
    const remove = await ctx.token('roster.delete');
    expect((await ctx.request('DELETE', `${COMPONENTS}/${id('allowed')}`, { token: remove })).statusCode).toBe(204);
    const body = {
      course: { title: 'S', org: { sourcedId: id('school') } },
      courseStructure: { a: { url: 'u', skillCode: 's', lessonCode: 'l', title: 't', 'unit-title': 'U', status: 'active', xp: 1 } },
    };
    expect((await ctx.request('POST', `${ROSTER}/courses/structure`, { token: write, body })).statusCode).toBe(403);
    const both = await ctx.token('roster.createput', 'resource.createput');
    expect((await ctx.request('POST', `${ROSTER}/courses/structure`, { token: both, body })).statusCode).toBe(201);
  });

  it('appear in the rostering discovery document', async () => {
    const doc = (await ctx.request('GET', `${ROSTER}/discovery/`, { token: null })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/courses/components',
        '/courses/components/{sourcedId}',
        '/courses/component-resources',
        '/courses/component-resources/{sourcedId}',
        '/courses/structure',
      ]),
    );
  });
});

// Last: it adds a component, which the lists pinned above do not expect.
describe('course components (unlockDate)', () => {
  it('always have an unlockDate: the creation time unless one is given, kept by a later PUT without one', async () => {
    const before = new Date().toISOString();
    // In the other course, so the lists the tests below pin stay as they are.
    const elsewhere = { course: { sourcedId: id('other-course') } };
    const res = await ok('POST', COMPONENTS, component('dated', elsewhere));
    const allocated = res.json().sourcedIdPairs.allocatedSourcedId;
    const unlockDate = (await ctx.request('GET', `${COMPONENTS}/${allocated}`)).json().courseComponent.unlockDate;
    expect(unlockDate >= before && unlockDate <= new Date().toISOString(), unlockDate).toBe(true);
    await ok('PUT', `${COMPONENTS}/${allocated}`, component('dated', elsewhere));
    expect((await ctx.request('GET', `${COMPONENTS}/${allocated}`)).json().courseComponent.unlockDate).toBe(unlockDate);
    await ok('PUT', `${COMPONENTS}/${allocated}`, component('dated', { ...elsewhere, unlockDate: '2027-01-01' }));
    expect((await ctx.request('GET', `${COMPONENTS}/${allocated}`)).json().courseComponent.unlockDate).toBe('2027-01-01');
  });
});
