import { sql } from 'drizzle-orm';
import { defineResource, view } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { invalidData } from '../../platform/errors.js';
import { refs } from '../refs.js';

export const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const;

export const orgs = defineResource({
  name: 'org',
  plural: 'orgs',
  entity: 'Org',
  table: 'orgs',
  searchFields: ['name', 'identifier'],
  fields: {
    ...f.common(),
    name: f.text('name', { required: true }),
    type: f.enumeration('type', ORG_TYPES, { required: true, extensible: true }),
    identifier: f.text('identifier', { outDefault: '' }),
    parent: f.ref('parent_sourced_id', refs.org),
    children: f.computedRefs(
      sql`array(select c.sourced_id from orgs c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.sourced_id)`,
      refs.org,
    ),
  },
  hooks: {
    async prepare(_tx, input, _columns, ctx) {
      if ((input.parent as { sourcedId?: string } | undefined)?.sourcedId === ctx.sourcedId) throw invalidData('parent', 'an org cannot be its own parent.');
    },
  },
});

/** Schools are orgs of type school: /schools/{id} on a district is 404; writes through /schools must be schools. */
export const schools = view(orgs, {
  scope: sql`t.type = 'school'`,
  entity: 'School',
  hooks: {
    async prepare(tx, input, columns, ctx) {
      await orgs.hooks!.prepare!(tx, input, columns, ctx);
      if (columns.type !== undefined && columns.type !== 'school') throw invalidData('type', "must be 'school' for a school.");
    },
  },
});
