import { Type } from '@sinclair/typebox';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns, textArray } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { RESOURCES } from '../base-paths.js';

/** OneRoster Resources (content, tests, apps); referenced by courses, classes, users and lessons. */
export const resourcesTable = pgTable(
  'resources',
  {
    ...resourceColumns(),
    title: text('title'),
    roles: textArray('roles'),
    importance: text('importance'),
    vendorResourceId: text('vendor_resource_id').notNull(),
    vendorId: text('vendor_id'),
    applicationId: text('application_id'),
  },
  (t) => [index('resources_vendor_resource_idx').on(t.vendorResourceId), index('resources_dlm_idx').on(t.dateLastModified)],
);

export const RESOURCE_ROLES = ['administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'] as const;

/** The binding's role vocabulary for resources (extensible with `ext:` terms). */
const role = Type.Union([...RESOURCE_ROLES.map((r) => Type.Literal(r)), Type.String({ pattern: '^ext:[a-zA-Z0-9.\\-_]+$' })]);

/**
 * A resource: what the binding defines, plus the platform's `metadata` vocabulary (type, subType,
 * url, xp, lessonType, toolProvider, launchUrl, subject, grades, …), filterable as `metadata.type`.
 */
export const resources = defineResource({
  name: 'resource',
  table: resourcesTable,
  basePath: RESOURCES,
  searchFields: ['title', 'vendorResourceId'],
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    roles: { ...f.textArray(t.roles), values: RESOURCE_ROLES, extensible: true, schema: Type.Array(role) },
    importance: f.enumeration(t.importance, ['primary', 'secondary']),
    vendorResourceId: f.text(t.vendorResourceId, { required: true }),
    vendorId: f.text(t.vendorId),
    applicationId: f.text(t.applicationId),
  }),
});
