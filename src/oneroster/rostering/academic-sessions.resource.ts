import { sql } from 'drizzle-orm';
import { defineResource, view, type ResourceDef } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { invalidData } from '../../platform/errors.js';
import { refs } from '../refs.js';

export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const;

export const academicSessions = defineResource({
  name: 'academicSession',
  plural: 'academicSessions',
  entity: 'Academic session',
  table: 'academic_sessions',
  searchFields: ['title', 'schoolYear'],
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    startDate: f.date('start_date', { required: true }),
    endDate: f.date('end_date', { required: true }),
    type: f.enumeration('type', SESSION_TYPES, { required: true, extensible: true }),
    parent: f.ref('parent_sourced_id', refs.academicSession),
    children: f.computedRefs(
      sql`array(select c.sourced_id from academic_sessions c where c.parent_sourced_id = t.sourced_id and c.status <> 'tobedeleted' order by c.start_date, c.sourced_id)`,
      refs.academicSession,
    ),
    schoolYear: f.text('school_year', { required: true }),
    org: f.ref('org_sourced_id', refs.org),
  },
  hooks: {
    async prepare(_tx, input, columns, ctx) {
      if ((input.parent as { sourcedId?: string } | undefined)?.sourcedId === ctx.sourcedId) throw invalidData('parent', 'a session cannot be its own parent.');
      if (typeof columns.start_date === 'string' && typeof columns.end_date === 'string' && columns.end_date < columns.start_date)
        throw invalidData('endDate', 'is before startDate.');
    },
  },
});

/** A view of sessions of one type; writes through it default the type and refuse another one. */
function sessionsOfType(type: string, entity: string): ResourceDef {
  return view(academicSessions, {
    scope: sql`t.type = ${type}`,
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
