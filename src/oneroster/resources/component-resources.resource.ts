import { sql } from 'drizzle-orm';
import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { refs } from '../refs.js';
import { active, componentVisible } from './course-components.resource.js';

export const LESSON_TYPES = ['powerpath-100', 'quiz', 'test-out', 'placement', 'unit-test', 'alpha-read-article'] as const;

/** A lesson is shown while its resource and its component (with the component's course and ancestors) are active. */
const lessonVisible = sql`exists (select 1 from resources vr where vr.sourced_id = t.resource_sourced_id and vr.status <> 'tobedeleted')
  and exists (select 1 from course_components vk where vk.sourced_id = t.course_component_sourced_id and vk.status <> 'tobedeleted' and ${componentVisible('vk')})`;

/** A lesson: a resource placed in a course component (the platform's ComponentResource). */
export const componentResources = defineResource({
  name: 'componentResource',
  plural: 'componentResources',
  entity: 'Component resource',
  table: 'component_resources',
  searchFields: ['title'],
  scope: lessonVisible,
  fields: {
    ...f.common(),
    courseComponent: f.ref('course_component_sourced_id', active(refs.courseComponent), { required: true }),
    resource: f.ref('resource_sourced_id', active(refs.resource), { required: true }),
    // The course of the lesson's component, so lessons can be filtered by course.
    course: f.computedRef(sql`(select c.course_sourced_id from course_components c where c.sourced_id = t.course_component_sourced_id)`, refs.course),
    title: f.text('title', { required: true }),
    sortOrder: { ...f.number('sort_order'), inputDefault: 0 },
    lessonType: f.enumeration('lesson_type', LESSON_TYPES),
  },
});
