import { Type } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
import { doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource, assertExist, type WriteContext } from '../../platform/resource/resource.js';
import { resourceColumns, textArray } from '../../platform/resource/columns.js';
import { f, GUIDRef, type RefTarget } from '../../platform/resource/fields.js';
import { rows, firstRow, type Executor } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { ROSTERING } from '../base-paths.js';
import { courses } from '../rostering/courses.resource.js';

/** Units of a course; a component with a parent is nested in it (same course, no cycles). */
export const courseComponentsTable = pgTable(
  'course_components',
  {
    ...resourceColumns(),
    courseSourcedId: text('course_sourced_id').notNull(),
    parentSourcedId: text('parent_sourced_id'),
    title: text('title').notNull(),
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

/**
 * A component is shown while its course and every ancestor component are active, so deleting a
 * course or a unit hides the whole branch and restoring it (PUT) shows it again.
 */
export function componentVisible(alias: string): SQL {
  const t = sql.raw(alias);
  return sql`exists (select 1 from courses vc where vc.sourced_id = ${t}.course_sourced_id and vc.status <> 'tobedeleted')
    and not exists (
      with recursive ancestors (sourced_id, parent_sourced_id, status) as (
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a where a.sourced_id = ${t}.parent_sourced_id
        union
        select a.sourced_id, a.parent_sourced_id, a.status from course_components a join ancestors on a.sourced_id = ancestors.parent_sourced_id
      )
      select 1 from ancestors where ancestors.status = 'tobedeleted')`;
}

/** The component ids from the root down to `id` (stops on a cycle thanks to `union`). */
async function ancestorsOf(tx: Executor, id: string): Promise<string[]> {
  const found = await rows<{ sourced_id: string }>(
    tx,
    sql`with recursive chain (sourced_id, parent_sourced_id) as (
          select c.sourced_id, c.parent_sourced_id from course_components c where c.sourced_id = ${id}
          union
          select c.sourced_id, c.parent_sourced_id from course_components c join chain on c.sourced_id = chain.parent_sourced_id)
        select sourced_id from chain`,
  );
  return found.map((r) => r.sourced_id);
}

async function prepare(tx: Executor, input: Record<string, unknown>, columns: Record<string, unknown>, ctx: WriteContext): Promise<void> {
  // The platform's schema requires unlockDate: a component without one unlocks when it was created.
  if ('unlock_date' in columns && columns.unlock_date === null) columns.unlock_date = (ctx.existing?.unlock_date as string | null) ?? new Date().toISOString();
  const course = columns.course_sourced_id as string;
  const parent = columns.parent_sourced_id as string | null;
  if (parent) {
    const row = await firstRow<{ course_sourced_id: string }>(tx, sql`select course_sourced_id from course_components where sourced_id = ${parent}`);
    if (row?.course_sourced_id !== course) throw invalidData('courseComponent', `'${parent}' belongs to another course.`);
    if ((await ancestorsOf(tx, parent)).includes(ctx.sourcedId))
      throw invalidData('courseComponent', `'${parent}' is this component or one of its descendants (a cycle).`);
  }
  const moved = ctx.existing && ctx.existing.course_sourced_id !== course;
  if (moved) {
    const child = await firstRow(tx, sql`select 1 from course_components where parent_sourced_id = ${ctx.sourcedId} and status <> 'tobedeleted'`);
    if (child) throw invalidData('course', 'the component has sub-components; move them first (a tree stays within one course).');
  }
  const ids = ((input.prerequisites as (string | { sourcedId: string })[] | null | undefined) ?? []).map((p) => (typeof p === 'string' ? p : p.sourcedId));
  columns.prerequisite_sourced_ids = ids;
  if (ids.length === 0) return;
  const self = ids.indexOf(ctx.sourcedId);
  if (self >= 0) throw invalidData(`prerequisites[${self}]`, 'a component cannot be its own prerequisite.');
  const sameCourse: RefTarget = {
    ...courseComponents.target,
    where: sql`t.status <> 'tobedeleted' and t.course_sourced_id = ${course}`,
    whereDescription: 'active, in the same course',
  };
  await assertExist(tx, sameCourse, ids, 'prerequisites', true);
}

/** A unit of a course (the platform's CourseComponent); `parent` is accepted as `courseComponent`. */
export const courseComponents = defineResource({
  name: 'courseComponent',
  table: courseComponentsTable,
  basePath: ROSTERING,
  path: '/courses/components',
  searchFields: ['title'],
  scope: componentVisible('t'),
  inputAliases: { parent: 'courseComponent' },
  hooks: { prepare },
  // References written into the course tree must point at records that are still active.
  fields: (t) => ({
    ...f.common(t),
    course: f.ref(t.courseSourcedId, () => courses, { required: true, active: true }),
    courseComponent: f.ref(t.parentSourcedId, 'self', { active: true }),
    // The same column under the platform's other name, read-only (writes arrive through the alias).
    parent: f.computedRef(sql`t.parent_sourced_id`, 'self'),
    title: f.text(t.title, { required: true }),
    sortOrder: f.number(t.sortOrder, { inputDefault: 0 }),
    // Component sourcedIds (the platform sends strings); GUIDRefs are accepted too and stored as their sourcedId.
    prerequisites: {
      ...f.textArray(t.prerequisiteSourcedIds),
      schema: Type.Union([Type.Array(Type.Union([Type.String({ minLength: 1 }), GUIDRef('courseComponent')])), Type.Null()]),
      outSchema: Type.Array(Type.String()),
    },
    prerequisiteCriteria: f.text(t.prerequisiteCriteria),
    unlockDate: f.date(t.unlockDate),
  }),
});
