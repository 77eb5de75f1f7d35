/**
 * Tables of the Resources service and the platform's course structure: a course is a tree of
 * components (units, nested through parent_sourced_id) whose leaves are component resources
 * (lessons) pointing at resources. PowerPath and the gradebook read these tables directly.
 */
import { doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { base, textArray } from '../../platform/db/schema.js';

/** OneRoster Resources (content, tests, apps); referenced by courses, classes, users and lessons. */
export const resources = pgTable(
  'resources',
  {
    ...base(),
    // Optional in the binding; the platform's writes require it.
    title: text('title'),
    roles: textArray('roles'),
    importance: text('importance'),
    vendorResourceId: text('vendor_resource_id').notNull(),
    vendorId: text('vendor_id'),
    applicationId: text('application_id'),
  },
  (t) => [index('resources_vendor_resource_idx').on(t.vendorResourceId), index('resources_dlm_idx').on(t.dateLastModified)],
);

/** Units of a course; a component with a parent is nested in it (same course, no cycles). */
export const courseComponents = pgTable(
  'course_components',
  {
    ...base(),
    courseSourcedId: text('course_sourced_id').notNull(),
    parentSourcedId: text('parent_sourced_id'),
    title: text('title').notNull(),
    // A number, so a client can place an item between two others without renumbering.
    sortOrder: doublePrecision('sort_order').notNull().default(0),
    prerequisiteSourcedIds: textArray('prerequisite_sourced_ids'),
    prerequisiteCriteria: text('prerequisite_criteria'),
    unlockDate: text('unlock_date'),
  },
  (t) => [
    index('course_components_course_idx').on(t.courseSourcedId, t.sortOrder),
    index('course_components_parent_idx').on(t.parentSourcedId),
    index('course_components_dlm_idx').on(t.dateLastModified),
  ],
);

/** Lessons: a resource placed in a component. */
export const componentResources = pgTable(
  'component_resources',
  {
    ...base(),
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
