import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { refs } from '../refs.js';

export const classes = defineResource({
  name: 'class',
  plural: 'classes',
  entity: 'Class',
  table: 'classes',
  searchFields: ['title', 'classCode'],
  // The binding names the class's org `school`; the platform's write bodies call it `org`.
  inputAliases: { org: 'school' },
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    classCode: f.text('class_code', { outDefault: '' }),
    classType: f.enumeration('class_type', ['homeroom', 'scheduled'], { extensible: true }),
    location: f.text('location', { outDefault: '' }),
    grades: f.textArray('grades'),
    subjects: f.textArray('subjects'),
    course: f.ref('course_sourced_id', refs.course, { required: true }),
    school: f.ref('school_sourced_id', refs.org, { required: true }),
    terms: f.refArray('term_sourced_ids', refs.term, { required: true }),
    subjectCodes: f.textArray('subject_codes'),
    periods: f.textArray('periods'),
    resources: f.refArray('resource_sourced_ids', refs.resource),
  },
});
