import { Type } from '@sinclair/typebox';
import { defineResource } from '../../platform/resource/resource.js';
import { f, type Field } from '../../platform/resource/fields.js';

export const RESOURCE_ROLES = ['administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'] as const;

/** The binding's role vocabulary for resources (extensible with `ext:` terms). */
const role = Type.Union([...RESOURCE_ROLES.map((r) => Type.Literal(r)), Type.String({ pattern: '^ext:[a-zA-Z0-9.\\-_]+$' })]);
const roles: Field = { kind: 'textArray', column: 'roles', values: RESOURCE_ROLES, extensible: true, schema: Type.Array(role), outDefault: [] };

/**
 * A resource: what the binding defines, plus the platform's `metadata` vocabulary (type, subType,
 * url, xp, lessonType, toolProvider, launchUrl, subject, grades, …), filterable as `metadata.type`.
 */
export const resources = defineResource({
  name: 'resource',
  plural: 'resources',
  entity: 'Resource',
  table: 'resources',
  searchFields: ['title', 'vendorResourceId'],
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    roles,
    importance: f.enumeration('importance', ['primary', 'secondary']),
    vendorResourceId: f.text('vendor_resource_id', { required: true }),
    vendorId: f.text('vendor_id'),
    applicationId: f.text('application_id'),
  },
});
