import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { firstRow } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { refs } from '../refs.js';

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
  plural: 'enrollments',
  entity: 'Enrollment',
  table: 'enrollments',
  searchFields: ['role'],
  fields: {
    ...f.common(),
    metadata: { ...f.metadata(), schema: EnrollmentMetadata },
    role: f.enumeration('role', ['administrator', 'proctor', 'student', 'teacher'], { required: true, extensible: true }),
    primary: f.trueFalse('is_primary', { inputDefault: false }),
    beginDate: f.date('begin_date'),
    endDate: f.date('end_date'),
    user: f.ref('user_sourced_id', refs.user, { required: true }),
    class: f.ref('class_sourced_id', refs.class, { required: true }),
    school: f.ref('school_sourced_id', refs.org),
    // The binding's enrollment carries no course; the platform's GET adds the class's course.
    course: f.computedRef(sql`(select c.course_sourced_id from classes c where c.sourced_id = t.class_sourced_id)`, refs.course),
  },
  hooks: {
    // The school is the class's school unless the client names one.
    async prepare(tx, _input, columns) {
      if (columns.school_sourced_id) return;
      if (columns.class_sourced_id === undefined) return; // PATCH that leaves the class alone
      const found = await firstRow<{ school: string }>(
        tx,
        sql`select school_sourced_id as school from classes where sourced_id = ${columns.class_sourced_id as string}`,
      );
      if (!found) throw invalidData('class', 'does not exist.');
      columns.school_sourced_id = found.school;
    },
  },
});
