import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource, view } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { invalidData } from '../../platform/errors.js';
import { ROSTERING } from '../base-paths.js';

export const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const;

export const orgsTable = pgTable(
  'orgs',
  {
    ...resourceColumns(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    identifier: text('identifier'),
    parentSourcedId: text('parent_sourced_id'),
  },
  (t) => [index('orgs_parent_idx').on(t.parentSourcedId), index('orgs_dlm_idx').on(t.dateLastModified)],
);

export const orgs = defineResource({
  name: 'org',
  table: orgsTable,
  basePath: ROSTERING,
  searchFields: ['name', 'identifier'],
  fields: (t) => ({
    ...f.common(t),
    name: f.text(t.name, { required: true }),
    type: f.enumeration(t.type, ORG_TYPES, { required: true, extensible: true }),
    identifier: f.text(t.identifier, { outDefault: '' }),
    parent: f.ref(t.parentSourcedId, 'self'),
    children: f.computedRefs(
      sql`array(select c.sourced_id from orgs c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.sourced_id)`,
      'self',
    ),
  }),
  hooks: {
    async prepare(_tx, input, _columns, ctx) {
      if ((input.parent as { sourcedId?: string } | undefined)?.sourcedId === ctx.sourcedId) throw invalidData('parent', 'an org cannot be its own parent.');
    },
  },
});

/** Schools are orgs of type school: /schools/{id} on a district is 404; writes through /schools must be schools. */
export const schools = view(orgs, {
  scope: sql`t.type = 'school'`,
  scopeDescription: 'of type school',
  path: '/schools',
  entity: 'School',
  hooks: {
    async prepare(tx, input, columns, ctx) {
      await orgs.hooks!.prepare!(tx, input, columns, ctx);
      if (columns.type !== undefined && columns.type !== 'school') throw invalidData('type', "must be 'school' for a school.");
    },
  },
});
