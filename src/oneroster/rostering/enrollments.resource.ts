import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { invalidData } from '../../platform/errors.js';
import { ROSTERING } from '../base-paths.js';
import { classes, schoolsOfClasses } from './classes.resource.js';
import { courses } from './courses.resource.js';
import { orgs } from './orgs.resource.js';
import { users } from './users.resource.js';

export const enrollmentsTable = pgTable(
  'enrollments',
  {
    ...resourceColumns(),
    role: text('role').notNull(),
    primary: boolean('is_primary').notNull().default(false),
    beginDate: text('begin_date'),
    endDate: text('end_date'),
    userSourcedId: text('user_sourced_id').notNull(),
    classSourcedId: text('class_sourced_id').notNull(),
    schoolSourcedId: text('school_sourced_id').notNull(),
  },
  (t) => [
    index('enrollments_class_role_idx').on(t.classSourcedId, t.role, t.userSourcedId),
    index('enrollments_user_idx').on(t.userSourcedId),
    index('enrollments_school_idx').on(t.schoolSourcedId),
    // Visible rows only (what lists show by default), in page order: a school's page and its count are index-only scans.
    index('enrollments_school_visible_idx')
      .on(t.schoolSourcedId, t.sourcedId)
      .where(sql`${t.status} <> 'tobedeleted'`),
    index('enrollments_dlm_idx').on(t.dateLastModified),
  ],
);

const nullableNumber = Type.Optional(Type.Union([Type.Number(), Type.Null()]));

/** The platform's typed enrollment metadata: goals and metrics are checked, other keys are free. */
const EnrollmentMetadata = Type.Union([
  Type.Object(
    {
      goals: Type.Optional(
        Type.Object(
          {
            dailyXp: nullableNumber,
            dailyLessons: nullableNumber,
            dailyActiveMinutes: nullableNumber,
            dailyAccuracy: nullableNumber,
            dailyMasteredUnits: nullableNumber,
          },
          { additionalProperties: false },
        ),
      ),
      metrics: Type.Optional(
        Type.Object(
          {
            totalXp: nullableNumber,
            totalLessons: nullableNumber,
            totalGrades: nullableNumber,
            courseType: Type.Optional(Type.Union([Type.String(), Type.Null()])),
            isSupplemental: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: true },
  ),
  Type.Null(),
]);

export const enrollments = defineResource({
  name: 'enrollment',
  table: enrollmentsTable,
  basePath: ROSTERING,
  searchFields: ['role'],
  fields: (t) => ({
    ...f.common(t),
    metadata: { ...f.metadata(t.metadata), schema: EnrollmentMetadata },
    role: f.enumeration(t.role, ['administrator', 'proctor', 'student', 'teacher'], { required: true, extensible: true }),
    primary: f.trueFalse(t.primary, { inputDefault: false }),
    beginDate: f.date(t.beginDate),
    endDate: f.date(t.endDate),
    user: f.ref(t.userSourcedId, () => users, { required: true }),
    class: f.ref(t.classSourcedId, () => classes, { required: true }),
    school: f.ref(t.schoolSourcedId, () => orgs),
    // The binding's enrollment carries no course; the platform's GET adds the class's course.
    course: f.computedRef(sql`(select c.course_sourced_id from classes c where c.sourced_id = t.class_sourced_id)`, () => courses),
  }),
  hooks: {
    // The school is the class's school unless the client names one.
    async prepare(tx, _input, columns) {
      if (columns.school_sourced_id) return;
      if (columns.class_sourced_id === undefined) return; // PATCH that leaves the class alone
      const school = (await schoolsOfClasses(tx, [columns.class_sourced_id as string])).get(columns.class_sourced_id as string);
      if (!school) throw invalidData('class', 'does not exist.');
      columns.school_sourced_id = school;
    },
  },
});
