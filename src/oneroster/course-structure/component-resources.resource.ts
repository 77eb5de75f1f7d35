import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { ROSTERING } from '../base-paths.js';
import { resources } from '../resources/resources.resource.js';
import { courses } from '../rostering/courses.resource.js';
import { componentVisible, courseComponents } from './course-components.resource.js';

/** Lessons: a resource placed in a component. */
export const componentResourcesTable = pgTable(
  'component_resources',
  {
    ...resourceColumns(),
    courseComponentSourcedId: text('course_component_sourced_id').notNull(),
    resourceSourcedId: text('resource_sourced_id').notNull(),
    title: text('title').notNull(),
    sortOrder: doublePrecision('sort_order').notNull().default(0),
    lessonType: text('lesson_type'),
  },
  (t) => [
    index('component_resources_component_idx').on(t.courseComponentSourcedId, t.sortOrder),
    index('component_resources_resource_idx').on(t.resourceSourcedId),
    index('component_resources_dlm_idx').on(t.dateLastModified),
  ],
);

export const LESSON_TYPES = ['powerpath-100', 'quiz', 'test-out', 'placement', 'unit-test', 'alpha-read-article'] as const;

/** A lesson is shown while its resource and its component (with the component's course and ancestors) are active. */
const lessonVisible = sql`exists (select 1 from resources vr where vr.sourced_id = t.resource_sourced_id and vr.status <> 'tobedeleted')
  and exists (select 1 from course_components vk where vk.sourced_id = t.course_component_sourced_id and vk.status <> 'tobedeleted' and ${componentVisible('vk')})`;

/** A lesson: a resource placed in a course component (the platform's ComponentResource). */
export const componentResources = defineResource({
  name: 'componentResource',
  table: componentResourcesTable,
  basePath: ROSTERING,
  path: '/courses/component-resources',
  searchFields: ['title'],
  scope: lessonVisible,
  hooks: {
    async prepare(_tx, _input, columns) {
      if (columns.lesson_type === 'None') columns.lesson_type = null;
    },
  },
  fields: (t) => ({
    ...f.common(t),
    courseComponent: f.ref(t.courseComponentSourcedId, () => courseComponents, { required: true, active: true }),
    resource: f.ref(t.resourceSourcedId, () => resources, { required: true, active: true }),
    // The course of the lesson's component, so lessons can be filtered by course.
    course: f.computedRef(sql`(select c.course_sourced_id from course_components c where c.sourced_id = t.course_component_sourced_id)`, () => courses),
    title: f.text(t.title, { required: true }),
    sortOrder: f.number(t.sortOrder, { inputDefault: 0 }),
    // The platform's writers send `None` for a lesson without a type; its GET schema has no `None`, so it is stored as no type.
    lessonType: {
      ...f.enumeration(t.lessonType, LESSON_TYPES),
      schema: Type.Union([Type.Literal('None'), ...LESSON_TYPES.map((v) => Type.Literal(v)), Type.Null()]),
    },
  }),
});
