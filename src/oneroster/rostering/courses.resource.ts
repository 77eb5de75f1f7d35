import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { rows, type Executor } from '../../platform/db/database.js';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns, textArray } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { ROSTERING } from '../base-paths.js';
import { resources } from '../resources/resources.resource.js';
import { academicSessions } from './academic-sessions.resource.js';
import { orgs } from './orgs.resource.js';

export const coursesTable = pgTable(
  'courses',
  {
    ...resourceColumns(),
    title: text('title').notNull(),
    schoolYearSourcedId: text('school_year_sourced_id'),
    academicSessionSourcedId: text('academic_session_sourced_id'),
    courseCode: text('course_code'),
    grades: textArray('grades'),
    subjects: textArray('subjects'),
    subjectCodes: textArray('subject_codes'),
    orgSourcedId: text('org_sourced_id'),
    level: text('level'),
    gradingScheme: text('grading_scheme'),
    resourceSourcedIds: textArray('resource_sourced_ids'),
  },
  (t) => [index('courses_org_idx').on(t.orgSourcedId), index('courses_dlm_idx').on(t.dateLastModified)],
);

export const courses = defineResource({
  name: 'course',
  table: coursesTable,
  basePath: ROSTERING,
  searchFields: ['title', 'courseCode'],
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    schoolYear: f.ref(t.schoolYearSourcedId, () => academicSessions),
    academicSession: f.ref(t.academicSessionSourcedId, () => academicSessions),
    courseCode: f.text(t.courseCode, { outDefault: '' }),
    grades: f.textArray(t.grades),
    subjects: f.textArray(t.subjects),
    subjectCodes: f.textArray(t.subjectCodes),
    org: f.ref(t.orgSourcedId, () => orgs, { required: true }),
    level: f.text(t.level),
    gradingScheme: f.text(t.gradingScheme),
    resources: f.refArray(t.resourceSourcedIds, () => resources),
  }),
});

/** The active courses whose record lists a resource, by title. */
export function coursesListing(db: Executor, resourceSourcedId: string) {
  return rows<{ sourced_id: string; title: string }>(
    db,
    sql`select c.sourced_id, c.title from courses c where c.status <> 'tobedeleted' and ${resourceSourcedId} = any(c.resource_sourced_ids) order by c.title, c.sourced_id`,
  );
}
