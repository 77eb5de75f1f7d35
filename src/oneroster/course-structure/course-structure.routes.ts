/**
 * The platform's course structure under the rostering base path: course components (units),
 * component resources (lessons) and the one-request import of a whole course (`/courses/structure`).
 * Registered on the rostering Service, so they appear in its discovery document.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Executor } from '../../platform/db/database.js';
import { ImsxError } from '../../platform/errors.js';
import { inputSchema, writeMany, writeRecord } from '../../platform/resource/resource.js';
import type { Service } from '../../platform/service.js';
import { courses } from '../rostering/courses.resource.js';
import { rosterCrud } from '../rostering/roster-scopes.js';
import { courseComponents } from './course-components.resource.js';
import { componentResources } from './component-resources.resource.js';
import { resources } from '../resources/resources.resource.js';

/** One QTI test of the import: a lesson of the unit named by `unit-title`. */
const StructureEntry = Type.Object(
  {
    url: Type.String({ minLength: 1 }),
    skillCode: Type.String(),
    lessonCode: Type.String(),
    title: Type.String({ minLength: 1 }),
    'unit-title': Type.String({ minLength: 1 }),
    status: Type.Union([Type.Literal('active'), Type.Literal('tobedeleted')]),
    xp: Type.Number(),
    stimulus: Type.Optional(Type.Object({ title: Type.String(), identifier: Type.String() })),
    video: Type.Optional(Type.Object({ url: Type.String(), title: Type.String() })),
  },
  { additionalProperties: true },
);

const StructureBody = Type.Object({
  course: inputSchema(courses),
  courseStructure: Type.Record(Type.String({ minLength: 1 }), StructureEntry, { minProperties: 1 }),
});
export type CourseStructure = Static<typeof StructureBody>;

const SourcedIdPairs = Type.Object({
  sourcedIdPairs: Type.Object({ suppliedSourcedId: Type.String(), allocatedSourcedId: Type.String() }),
});

/** Runs a write and, when it fails on the input, names the field within the import body. */
async function within<T>(prefix: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof ImsxError)) throw error;
    throw new ImsxError(
      error.statusCode,
      error.codeMinor,
      `${prefix}: ${error.message}`,
      error.details.map((d) => ({ field: `${prefix}.${d.field}`, message: d.message })),
    );
  }
}

/**
 * Creates a course and its tree in the caller's transaction. Entries are grouped into units by
 * `unit-title` (in order of first appearance); each entry becomes a resource (a QTI test: `url`,
 * `xp`, `skillCode`, `lessonCode`, `stimulus`, `video` in its metadata, the entry's key as
 * vendorResourceId) and a lesson placing it in its unit with the entry's `status`. Ids are derived
 * from the course's: `<course>-unit-<n>`, `<course>-unit-<n>-lesson-<m>` and `…-resource`.
 */
export async function importCourseStructure(tx: Executor, body: CourseStructure): Promise<string> {
  const course = await within('course', () => writeRecord(tx, courses, body.course, 'create'));
  const units = new Map<string, [string, CourseStructure['courseStructure'][string]][]>();
  for (const [key, entry] of Object.entries(body.courseStructure)) {
    const lessons = units.get(entry['unit-title']) ?? [];
    lessons.push([key, entry]);
    units.set(entry['unit-title'], lessons);
  }
  const unitTitles = [...units.keys()];
  const unitId = (index: number) => `${course.sourcedId}-unit-${index + 1}`;
  await writeMany(
    tx,
    courseComponents,
    unitTitles.map((title, index) => ({ sourcedId: unitId(index), course: { sourcedId: course.sourcedId }, title, sortOrder: index + 1 })),
    'create',
    { rowName: (index) => `unit '${unitTitles[index]}'` },
  );
  const lessons = unitTitles.flatMap((title, unit) =>
    units
      .get(title)!
      .map(([key, entry], index) => ({ key, entry, unitId: unitId(unit), lessonId: `${unitId(unit)}-lesson-${index + 1}`, sortOrder: index + 1 })),
  );
  const rowName = (index: number) => `courseStructure.${lessons[index].key}`;
  await writeMany(
    tx,
    resources,
    lessons.map(({ key, entry, lessonId }) => {
      const { url, xp, skillCode, lessonCode, stimulus, video } = entry;
      const metadata = { type: 'qti', subType: 'qti-test', url, xp, skillCode, lessonCode, ...(stimulus ? { stimulus } : {}), ...(video ? { video } : {}) };
      return { sourcedId: `${lessonId}-resource`, title: entry.title, vendorResourceId: key, metadata };
    }),
    'create',
    { rowName },
  );
  await writeMany(
    tx,
    componentResources,
    lessons.map(({ entry, unitId, lessonId, sortOrder }) => ({
      sourcedId: lessonId,
      status: entry.status,
      courseComponent: { sourcedId: unitId },
      resource: { sourcedId: `${lessonId}-resource` },
      title: entry.title,
      sortOrder,
    })),
    'create',
    { rowName },
  );
  return course.sourcedId;
}

export function registerCourseStructure(service: Service): void {
  service.crud('/courses/components', courseComponents, {
    operationIds: {
      list: 'getAllCourseComponents',
      get: 'getCourseComponent',
      create: 'createCourseComponent',
      put: 'putCourseComponent',
      delete: 'deleteCourseComponent',
    },
    scopes: rosterCrud,
  });
  service.crud('/courses/component-resources', componentResources, {
    operationIds: {
      list: 'getAllComponentResources',
      get: 'getComponentResource',
      create: 'createComponentResource',
      put: 'putComponentResource',
      delete: 'deleteComponentResource',
    },
    scopes: rosterCrud,
  });
  service.route(
    {
      method: 'POST',
      path: '/courses/structure',
      operationId: 'createCourseStructure',
      summary: 'Create a course with its units and lessons from QTI tests (all or nothing)',
      // It writes rostering data (the course, its units) and resources.
      scopes: [['or:roster.createput', 'or:resource.createput']],
      body: StructureBody,
      responses: { 201: SourcedIdPairs },
    },
    async (request, reply) => {
      const body = request.body;
      const sourcedId = await service.deps.db.transaction((tx) => importCourseStructure(tx, body));
      reply.code(201);
      const supplied = typeof body.course.sourcedId === 'string' ? body.course.sourcedId : sourcedId;
      return { sourcedIdPairs: { suppliedSourcedId: supplied, allocatedSourcedId: sourcedId } };
    },
  );
}
