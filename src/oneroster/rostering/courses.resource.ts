import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { refs } from '../refs.js';

export const courses = defineResource({
  name: 'course',
  plural: 'courses',
  entity: 'Course',
  table: 'courses',
  searchFields: ['title', 'courseCode'],
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    schoolYear: f.ref('school_year_sourced_id', refs.academicSession),
    academicSession: f.ref('academic_session_sourced_id', refs.academicSession),
    courseCode: f.text('course_code', { outDefault: '' }),
    grades: f.textArray('grades'),
    subjects: f.textArray('subjects'),
    subjectCodes: f.textArray('subject_codes'),
    org: f.ref('org_sourced_id', refs.org, { required: true }),
    level: f.text('level'),
    gradingScheme: f.text('grading_scheme'),
    resources: f.refArray('resource_sourced_ids', refs.resource),
  },
});
