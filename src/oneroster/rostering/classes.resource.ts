import { sql, type SQL } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { rows, type Executor } from '../../platform/db/database.js';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns, textArray } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { ROSTERING } from '../base-paths.js';
import { resources } from '../resources/resources.resource.js';
import { academicSessions } from './academic-sessions.resource.js';
import { courses } from './courses.resource.js';
import { orgs } from './orgs.resource.js';

export const classesTable = pgTable(
  'classes',
  {
    ...resourceColumns(),
    title: text('title').notNull(),
    classCode: text('class_code'),
    classType: text('class_type'),
    location: text('location'),
    grades: textArray('grades'),
    subjects: textArray('subjects'),
    courseSourcedId: text('course_sourced_id').notNull(),
    schoolSourcedId: text('school_sourced_id').notNull(),
    termSourcedIds: textArray('term_sourced_ids'),
    subjectCodes: textArray('subject_codes'),
    periods: textArray('periods'),
    resourceSourcedIds: textArray('resource_sourced_ids'),
  },
  (t) => [
    index('classes_course_idx').on(t.courseSourcedId),
    index('classes_school_idx').on(t.schoolSourcedId),
    index('classes_terms_idx').using('gin', t.termSourcedIds),
    index('classes_dlm_idx').on(t.dateLastModified),
  ],
);

export const classes = defineResource({
  name: 'class',
  table: classesTable,
  basePath: ROSTERING,
  searchFields: ['title', 'classCode'],
  // The binding names the class's org `school`; the platform's write bodies call it `org`.
  inputAliases: { org: 'school' },
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    classCode: f.text(t.classCode, { outDefault: '' }),
    classType: f.enumeration(t.classType, ['homeroom', 'scheduled'], { extensible: true }),
    location: f.text(t.location, { outDefault: '' }),
    grades: f.textArray(t.grades),
    subjects: f.textArray(t.subjects),
    course: f.ref(t.courseSourcedId, () => courses, { required: true }),
    school: f.ref(t.schoolSourcedId, () => orgs, { required: true }),
    terms: f.refArray(t.termSourcedIds, () => academicSessions, { required: true }),
    subjectCodes: f.textArray(t.subjectCodes),
    periods: f.textArray(t.periods),
    resources: f.refArray(t.resourceSourcedIds, () => resources),
  }),
});

/** The school of each of the classes that exist. */
export async function schoolsOfClasses(tx: Executor, classSourcedIds: string[]): Promise<Map<string, string>> {
  const found = await rows<{ id: string; school: string }>(
    tx,
    sql`select sourced_id as id, school_sourced_id as school from classes where sourced_id = any(${sql.param(classSourcedIds)}::text[])`,
  );
  return new Map(found.map((r) => [r.id, r.school]));
}

/** SQL: the active classes of a school, as a subquery of sourcedIds. */
export const activeClassesOfSchool = (schoolSourcedId: string): SQL =>
  sql`(select c.sourced_id from classes c where c.school_sourced_id = ${schoolSourcedId} and c.status <> 'tobedeleted')`;
