import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource, view } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { invalidData } from '../../platform/errors.js';
import { ROSTERING } from '../base-paths.js';
import { orgs } from './orgs.resource.js';

export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const;

export const academicSessionsTable = pgTable(
  'academic_sessions',
  {
    ...resourceColumns(),
    title: text('title').notNull(),
    // Dates are kept as sent (the binding says date; clients send date-times too); ISO text orders correctly.
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    type: text('type').notNull(),
    parentSourcedId: text('parent_sourced_id'),
    schoolYear: text('school_year').notNull(),
    orgSourcedId: text('org_sourced_id'),
  },
  (t) => [
    index('academic_sessions_parent_idx').on(t.parentSourcedId),
    index('academic_sessions_org_idx').on(t.orgSourcedId),
    index('academic_sessions_dlm_idx').on(t.dateLastModified),
  ],
);

export const academicSessions = defineResource({
  name: 'academicSession',
  table: academicSessionsTable,
  basePath: ROSTERING,
  searchFields: ['title', 'schoolYear'],
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    startDate: f.date(t.startDate, { required: true }),
    endDate: f.date(t.endDate, { required: true }),
    type: f.enumeration(t.type, SESSION_TYPES, { required: true, extensible: true }),
    parent: f.ref(t.parentSourcedId, 'self'),
    children: f.computedRefs(
      sql`array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id)`,
      'self',
    ),
    schoolYear: f.text(t.schoolYear, { required: true }),
    org: f.ref(t.orgSourcedId, () => orgs),
  }),
  hooks: {
    async prepare(_tx, input, columns, ctx) {
      if ((input.parent as { sourcedId?: string } | undefined)?.sourcedId === ctx.sourcedId) throw invalidData('parent', 'a session cannot be its own parent.');
      if (typeof columns.start_date === 'string' && typeof columns.end_date === 'string' && columns.end_date < columns.start_date)
        throw invalidData('endDate', 'is before startDate.');
    },
  },
});

/** A view of sessions of one type; writes through it default the type and refuse another one. */
function sessionsOfType(type: string, entity: string) {
  return view(academicSessions, {
    scope: sql`t.type = ${type}`,
    scopeDescription: `of type ${type}`,
    entity,
    // The hook below supplies the type, so a body sent through the view may leave it out.
    fields: { ...academicSessions.fields, type: { ...academicSessions.fields.type, required: false } },
    hooks: {
      async prepare(tx, input, columns, ctx) {
        if (columns.type === null || columns.type === undefined) columns.type = type;
        else if (columns.type !== type) throw invalidData('type', `must be '${type}' here.`);
        await academicSessions.hooks!.prepare!(tx, input, columns, ctx);
      },
    },
  });
}

export const terms = sessionsOfType('term', 'Term');
export const gradingPeriods = sessionsOfType('gradingPeriod', 'Grading period');
