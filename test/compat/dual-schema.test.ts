/**
 * Every GET of the three OneRoster services (rostering with the course structure under its base
 * path, gradebook, resources), on a complete seeded data set, validated against both documents that
 * describe it: the official 1EdTech binding of the service and the platform's OpenAPI
 * (`test/fixtures/timeback/oneroster-api.json`). The routes are the ones the services record, so a new
 * GET is covered (and must be documented somewhere) without touching this file.
 *
 * A violation passes only when EXCEPTIONS lists it, with the reason: the two documents conflict (one
 * requires what the other forbids), or the difference is a deliberate, documented choice of ours.
 * An entry that no longer matches anything fails the run, so the list does not outlive its reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../helpers.js';
import { operationsFor, type DocumentName, type Violation, violations } from './documents.js';
import { id, seedDualSchema } from './seed.js';

/** A selection of only unknown field names must answer the whole objects, like no selection. */
const UNKNOWN_FIELDS = '?fields=noSuchField';

interface Entry {
  /** `GET /lineItems` (our path, relative to the service's base path); `*` matches anything. Matches the route with or without its query. */
  route: string;
  /** The document whose schema the body violates; 'none' with path '' for a GET no document describes. (A seed write the document accepts but we refuse: its field, keyword = the status.) */
  document: DocumentName | 'none';
  /** JSON pointer into the body; `*` matches one segment (an array index, a key), `**` any number of them. */
  path: string;
  /** The failing JSON Schema keyword (`required`, `additionalProperties`, `type`, `format`, `enum`); any when left out. */
  keyword?: string;
  reason: string;
}

// B = the 1EdTech binding of the route's service (test/fixtures/oneroster-v1p2-*.openapi.json),
// P = the platform's document (test/fixtures/timeback/oneroster-api.json).

const PAGINATION =
  'conflict: P requires totalCount, pageCount, pageNumber, offset and limit in every paginated collection body (e.g. GET /users/: required ["users", "totalCount", "pageCount", "pageNumber", "offset", "limit"]); B\'s *Set schemas allow only the collection key (additionalProperties: false).';
const SECOND_KEY = (key: string, bindingKey: string, set: string) =>
  `conflict: P requires the envelope key "${key}"; B's ${set} allows only "${bindingKey}" (additionalProperties: false). We send both, with the same value.`;
const SESSION_ORG =
  'conflict: P\'s AcademicSession requires "org" (required: [..., "schoolYear", "org"]); B\'s AcademicSession has no org and additionalProperties: false.';
const SCHOOL_YEAR =
  'conflict: P\'s AcademicSession.schoolYear is { type: "number" }; B\'s is { type: "string" } ("in the [ISO 8601] format of \'YYYY\'"). We answer the string.';
const PLATFORM_EXTENSION = (fields: string, where: string) =>
  `deliberate: ${fields} are the platform's additions (optional in P's ${where}); B's ${where} has additionalProperties: false. We serve one shape to both.`;

/** Conflicts between the two documents, and deliberate, documented differences. Everything else must validate under both. */
const EXCEPTIONS: Entry[] = [
  // Envelopes.
  ...['totalCount', 'pageCount', 'pageNumber', 'offset', 'limit'].map((key) => ({
    route: 'GET *',
    document: 'binding' as const,
    path: `/${key}`,
    keyword: 'additionalProperties',
    reason: PAGINATION,
  })),
  { route: 'GET /terms', document: 'binding', path: '/terms', reason: SECOND_KEY('terms', 'academicSessions', 'AcademicSessionSet') },
  { route: 'GET /schools/:schoolSourcedId/terms', document: 'binding', path: '/terms', reason: SECOND_KEY('terms', 'academicSessions', 'AcademicSessionSet') },
  { route: 'GET /terms/:sourcedId', document: 'binding', path: '/term', reason: SECOND_KEY('term', 'academicSession', 'SingleAcademicSession') },
  {
    route: 'GET /gradingPeriods',
    document: 'binding',
    path: '/gradingPeriods',
    reason: SECOND_KEY('gradingPeriods', 'academicSessions', 'AcademicSessionSet'),
  },
  {
    route: 'GET /terms/:termSourcedId/gradingPeriods',
    document: 'binding',
    path: '/gradingPeriods',
    reason: SECOND_KEY('gradingPeriods', 'academicSessions', 'AcademicSessionSet'),
  },
  {
    route: 'GET /gradingPeriods/:sourcedId',
    document: 'binding',
    path: '/gradingPeriod',
    reason: SECOND_KEY('gradingPeriod', 'academicSession', 'SingleAcademicSession'),
  },
  { route: 'GET /classes/:classSourcedId/students', document: 'binding', path: '/students', reason: SECOND_KEY('students', 'users', 'UserSet') },
  { route: 'GET /classes/:classSourcedId/teachers', document: 'binding', path: '/teachers', reason: SECOND_KEY('teachers', 'users', 'UserSet') },

  // Academic sessions.
  { route: 'GET *', document: 'binding', path: '/academicSessions/*/org', keyword: 'additionalProperties', reason: SESSION_ORG },
  { route: 'GET *', document: 'binding', path: '/academicSession/org', keyword: 'additionalProperties', reason: SESSION_ORG },
  ...['academicSession', 'term', 'gradingPeriod'].flatMap((key) => [
    { route: 'GET *', document: 'platform' as const, path: `/${key}s/*/schoolYear`, keyword: 'type', reason: SCHOOL_YEAR },
    { route: 'GET *', document: 'platform' as const, path: `/${key}/schoolYear`, keyword: 'type', reason: SCHOOL_YEAR },
  ]),

  // Courses, users, enrollments.
  ...['academicSession', 'level', 'gradingScheme'].flatMap((field) =>
    ['/courses/*', '/course'].map((at) => ({
      route: 'GET *',
      document: 'binding' as const,
      path: `${at}/${field}`,
      keyword: 'additionalProperties',
      reason: PLATFORM_EXTENSION('academicSession, level and gradingScheme', 'Course') + ' (test/rostering/binding.ts PLATFORM_FIELDS)',
    })),
  ),
  ...['/users/*', '/user'].map((at) => ({
    route: 'GET *',
    document: 'binding' as const,
    path: `${at}/roles/*/metadata`,
    keyword: 'additionalProperties',
    reason: PLATFORM_EXTENSION('role metadata', 'User.roles[] (B: Role)'),
  })),
  {
    route: 'GET *',
    document: 'platform',
    path: '**/userProfiles/*/app',
    keyword: 'required',
    reason:
      'conflict: P requires userProfiles[].app ({ sourcedId, name, domain }: required ["profileId", "profileType", "vendorId", "applicationId", "app", "credentials"]); B\'s UserProfile has no app and additionalProperties: false. We answer the profiles as written (the seed writes B\'s shape) and our credentials endpoint creates them without app.',
  },
  ...['/enrollments/*', '/enrollment'].map((at) => ({
    route: 'GET *',
    document: 'binding' as const,
    path: `${at}/course`,
    keyword: 'additionalProperties',
    reason:
      'conflict: P\'s Enrollment requires "course" (required: [..., "user", "class", "school", "course"]); B\'s Enrollment has no course and additionalProperties: false (enrollments.resource.ts: "the platform\'s GET adds the class\'s course").',
  })),

  // Gradebook.
  ...['/results/*', '/result', '/assessmentResults/*', '/assessmentResult'].map((at) => ({
    route: 'GET *',
    document: 'binding' as const,
    path: `${at}/scoreDate`,
    keyword: 'format',
    reason:
      'conflict: B\'s ResultDType and AssessmentResultDType have scoreDate { format: "date" }; P\'s Result and AssessmentResult have scoreDate { format: "date-time" }. We answer the date-time.',
  })),
  ...['value', 'description'].flatMap((field) =>
    ['/scoreScales/*', '/scoreScale'].map((at) => ({
      route: 'GET *',
      document: 'binding' as const,
      path: `${at}/scoreScaleValue/*/${field}`,
      keyword: 'additionalProperties',
      reason:
        PLATFORM_EXTENSION('scoreScaleValue[].value and .description', 'ScoreScale.scoreScaleValue items (B: ScoreScaleValueDType)') +
        ' (score-scales.resource.ts)',
    })),
  ),
  ...['course', 'component', 'componentResource'].flatMap((field) =>
    ['/assessmentLineItems/*', '/assessmentLineItem'].map((at) => ({
      route: 'GET *',
      document: 'binding' as const,
      path: `${at}/${field}`,
      keyword: 'additionalProperties',
      reason: PLATFORM_EXTENSION('course, component and componentResource ("PROPRIETARY EXTENSION" in P)', 'AssessmentLineItem (B: AssessmentLineItemDType)'),
    })),
  ),

  // Resources.
  ...['/resources/*', '/resource'].map((at) => ({
    route: 'GET *',
    document: 'platform' as const,
    path: `${at}/roles/*`,
    keyword: 'enum',
    reason:
      'conflict: P\'s Resource.roles items are { enum: ["primary", "secondary"] }; B\'s ResourceDType.roles items are { enum: ["administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"] } or "ext:…": no role is in both. We keep B\'s vocabulary (resources.resource.ts RESOURCE_ROLES).',
  })),
];

// ---------------------------------------------------------------------------------------------------

// The app is built before the tests are collected, so each route is a test of its own.
const ctx = await createTestContext();
const oneRoster = ctx.services.filter((s) => s.info.basePath.startsWith('/ims/oneroster/'));
const cases = oneRoster.flatMap((s) =>
  s.routes
    .filter((r) => r.method === 'GET')
    .map((r) => ({
      route: `GET ${r.path}`,
      basePath: s.info.basePath,
      path: r.path,
      operations: operationsFor('GET', s.info.basePath + r.path),
    })),
);
const documentsOf = (c: (typeof cases)[number]) => c.operations.map((o) => o.document).join(' + ') || 'no document';

/** Seeded ids for path parameters, so every nested collection is non-empty. `:sourcedId` of `/x/:sourcedId` defaults to the first member of `/x`. */
const PARAM_IDS: Record<string, string> = {
  classSourcedId: 'class',
  courseSourcedId: 'course',
  schoolSourcedId: 'school',
  termSourcedId: 'term',
  studentSourcedId: 'student',
  teacherSourcedId: 'teacher',
  userSourcedId: 'student',
  userId: 'student',
  lineItemSourcedId: 'li',
};
const ROUTE_PARAM_IDS: Record<string, Record<string, string>> = {
  'GET /users/:userId/agentFor': { userId: 'parent' },
  'GET /users/:sourcedId/demographics': { sourcedId: 'student' },
  // The line item written with dates only (served as date-times), and the component written without unlockDate (served with one).
  'GET /lineItems/:sourcedId': { sourcedId: 'li-dates' },
  'GET /courses/components/:sourcedId': { sourcedId: 'sub1' },
};

const used = new Set<Entry>();
let checked = 0;

beforeAll(async () => {
  await seedDualSchema(ctx);
});
afterAll(async () => ctx?.close());

/** `**` → any run of characters, `*` → `any`, everything else literal. */
const toRegExp = (pattern: string, any: string) =>
  new RegExp(
    `^${pattern
      .split('**')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, any))
      .join('.*')}$`,
  );
function matching(list: Entry[], route: string, query: string, document: Entry['document'], v: Pick<Violation, 'path' | 'keyword'>): Entry | undefined {
  return list.find(
    (e) =>
      e.document === document &&
      (toRegExp(e.route, '.*').test(route) || toRegExp(e.route, '.*').test(route + query)) &&
      toRegExp(e.path, '[^/]*').test(v.path) &&
      (e.keyword === undefined || e.keyword === v.keyword),
  );
}
/** The violations no entry explains; marks the entries that explain one as used. */
function unexplained(route: string, query: string, document: Entry['document'], found: Violation[]): string[] {
  const left: string[] = [];
  for (const v of found) {
    const entry = matching(EXCEPTIONS, route, query, document, v);
    if (entry) used.add(entry);
    else left.push(`${document} ${v.path}: ${v.message}`);
  }
  return left;
}

async function urlOf(c: (typeof cases)[number]): Promise<string> {
  let url = c.path;
  for (const [, name] of c.path.matchAll(/:([A-Za-z]+)/g)) {
    const key = ROUTE_PARAM_IDS[c.route]?.[name] ?? PARAM_IDS[name];
    let value: string | undefined = key === undefined ? undefined : id(key);
    if (value === undefined && name === 'sourcedId') {
      // The first member of the collection the id is taken from.
      const collection = url.slice(0, url.indexOf(':sourcedId') - 1);
      const list = await ctx.request('GET', `${c.basePath}${collection}`);
      value = (Object.values(list.json()).find(Array.isArray) as { sourcedId: string }[] | undefined)?.[0]?.sourcedId;
    }
    if (value === undefined) throw new Error(`no seeded id for :${name} of ${c.route}: add one to PARAM_IDS or ROUTE_PARAM_IDS`);
    url = url.replace(`:${name}`, encodeURIComponent(value));
  }
  return url;
}

async function check(c: (typeof cases)[number], query: string) {
  checked++;
  if (c.operations.length === 0) {
    const entry = matching(EXCEPTIONS, c.route, query, 'none', { path: '', keyword: 'none' });
    if (entry) used.add(entry);
    else expect.fail(`${c.route} is in neither the binding nor the platform's document`);
    return;
  }
  const url = await urlOf(c);
  const res = await ctx.request('GET', `${c.basePath}${url}${query}`);
  expect(res.statusCode, `${url}${query}: ${res.body}`).toBe(200);
  const body = res.json() as Record<string, unknown>;
  // Validation of an empty collection proves little: every seeded collection has members.
  for (const [key, value] of Object.entries(body)) if (Array.isArray(value)) expect(value.length, `${url}${query} ${key}`).toBeGreaterThan(0);
  const left = c.operations.flatMap((o) => unexplained(c.route, query, o.document, violations(o, body)));
  expect(left, `${c.route}${query} (${url}${query})`).toEqual([]);
}

describe('the validators themselves', () => {
  const violationsOf = (path: string, body: unknown) =>
    Object.fromEntries(
      operationsFor('GET', path).map((o) => [
        o.document,
        violations(o, body)
          .map((v) => `${v.path} ${v.message.split(':')[0]}`)
          .sort(),
      ]),
    );
  const category = { sourcedId: 'c', status: 'active', dateLastModified: '2026-01-01T00:00:00.000Z', title: 'Homework', weight: 0.5 };

  it('accept a conforming body and resolve the $refs of each document', () => {
    expect(violationsOf('/ims/oneroster/gradebook/v1p2/categories/:sourcedId', { category })).toEqual({ binding: [], platform: [] });
    // P's metadata is `{ type: object, nullable: true }` (OpenAPI 3.0 inside a 3.1 document).
    expect(violationsOf('/ims/oneroster/gradebook/v1p2/categories/:sourcedId', { category: { ...category, metadata: null } }).platform).toEqual([]);
  });

  it('reject what either document forbids, each by its own rules', () => {
    expect(violationsOf('/ims/oneroster/gradebook/v1p2/categories/:sourcedId', { category: { ...category, weight: 'heavy', colour: 'red' } })).toEqual({
      binding: ['/category/colour additionalProperties', '/category/weight type'],
      platform: ['/category/weight type'],
    });
    expect(violationsOf('/ims/oneroster/gradebook/v1p2/categories', { categories: [{ ...category, title: undefined }] })).toEqual({
      binding: ['/categories/0/title required'],
      platform: ['/categories/0/title required', '/limit required', '/offset required', '/pageCount required', '/pageNumber required', '/totalCount required'],
    });
    expect(violationsOf('/ims/oneroster/gradebook/v1p2/lineItems/:sourcedId', { lineItem: { assignDate: '2026-09-01' } }).platform).toContain(
      '/lineItem/assignDate format',
    );
  });

  it('match our paths to both documents whatever the parameter names and trailing slashes', () => {
    const documents = (path: string) => operationsFor('GET', path).map((o) => `${o.document} ${o.path}`);
    expect(documents('/ims/oneroster/gradebook/v1p2/classes/:classSourcedId/lineItems')).toEqual([
      'binding /classes/{classSourcedId}/lineItems',
      'platform /ims/oneroster/gradebook/v1p2/classes/{sourcedId}/lineItems',
    ]);
    expect(documents('/ims/oneroster/rostering/v1p2/users')).toEqual(['binding /users', 'platform /ims/oneroster/rostering/v1p2/users/']);
    expect(documents('/ims/oneroster/rostering/v1p2/courses/components')).toEqual(['platform /ims/oneroster/rostering/v1p2/courses/components']);
    expect(documents('/ims/oneroster/resources/v1p2/nothing')).toEqual([]);
  });
});

describe('every GET validates against the binding and the platform document', () => {
  it('covers the routes of the three OneRoster services, each named once', () => {
    expect(oneRoster.map((s) => s.info.name).sort()).toEqual(['gradebook', 'resources', 'rostering']);
    expect(new Set(cases.map((c) => c.route)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(70);
  });

  it.each(cases.map((c) => [`${c.route} (${documentsOf(c)})`, c] as const))('%s', async (_title, c) => check(c, ''));
  it.each(cases.map((c) => [`${c.route}${UNKNOWN_FIELDS} (${documentsOf(c)})`, c] as const))('%s', async (_title, c) => check(c, UNKNOWN_FIELDS));

  it('every EXCEPTIONS entry is still needed', () => {
    // Only meaningful when every route ran (not under -t).
    if (checked < cases.length * 2) return;
    expect(EXCEPTIONS.filter((e) => !used.has(e)).map((e) => `EXCEPTIONS ${e.route} ${e.document} ${e.path}`)).toEqual([]);
  });

  it('reports the documents each GET was checked against', () => {
    const count = (names: string) => cases.filter((c) => documentsOf(c) === names).length;
    const summary = {
      total: cases.length,
      both: count('binding + platform'),
      bindingOnly: count('binding'),
      platformOnly: count('platform'),
      none: count('no document'),
    };
    console.log(`GET routes checked: ${JSON.stringify(summary)}`);
    expect(summary.none).toBe(EXCEPTIONS.filter((e) => e.document === 'none').length);
  });
});
