import { sql } from 'drizzle-orm';
import { doublePrecision, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { GRADEBOOK } from '../base-paths.js';
import { classes, schoolsOfClasses } from '../rostering/classes.resource.js';
import { schools } from '../rostering/orgs.resource.js';
import { academicSessions, gradingPeriods } from '../rostering/academic-sessions.resource.js';
import { categories } from './categories.resource.js';
import { scoreScales } from './score-scales.resource.js';
import { learningObjectiveSet } from './gradebook-fields.js';

export const lineItemsTable = pgTable(
  'line_items',
  {
    ...resourceColumns(),
    title: text('title').notNull(),
    description: text('description'),
    assignDate: text('assign_date').notNull(),
    dueDate: text('due_date').notNull(),
    classSourcedId: text('class_sourced_id').notNull(),
    schoolSourcedId: text('school_sourced_id').notNull(),
    categorySourcedId: text('category_sourced_id').notNull(),
    gradingPeriodSourcedId: text('grading_period_sourced_id'),
    academicSessionSourcedId: text('academic_session_sourced_id'),
    scoreScaleSourcedId: text('score_scale_sourced_id'),
    resultValueMin: doublePrecision('result_value_min'),
    resultValueMax: doublePrecision('result_value_max'),
    learningObjectiveSet: jsonb('learning_objective_set'),
  },
  (t) => [
    index('line_items_class_idx').on(t.classSourcedId, t.categorySourcedId),
    index('line_items_school_idx').on(t.schoolSourcedId),
    index('line_items_category_idx').on(t.categorySourcedId),
    index('line_items_dlm_idx').on(t.dateLastModified),
  ],
);

export const lineItems = defineResource({
  name: 'lineItem',
  table: lineItemsTable,
  basePath: GRADEBOOK,
  searchFields: ['title', 'description'],
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    description: f.text(t.description),
    // Date-times in the binding and on the platform; a date is stored as its midnight UTC.
    assignDate: f.dateTime(t.assignDate, { required: true }),
    dueDate: f.dateTime(t.dueDate, { required: true }),
    class: f.ref(t.classSourcedId, () => classes, { required: true }),
    // Required by the binding, but a class has exactly one school: derived from the class when left out.
    school: f.ref(t.schoolSourcedId, () => schools),
    category: f.ref(t.categorySourcedId, () => categories, { required: true }),
    gradingPeriod: f.ref(t.gradingPeriodSourcedId, () => gradingPeriods),
    academicSession: f.ref(t.academicSessionSourcedId, () => academicSessions),
    scoreScale: f.ref(t.scoreScaleSourcedId, () => scoreScales),
    resultValueMin: f.number(t.resultValueMin),
    resultValueMax: f.number(t.resultValueMax),
    learningObjectiveSet: learningObjectiveSet(t.learningObjectiveSet),
  }),
  hooks: {
    async prepareMany(tx, batch) {
      const derive = batch.map(({ columns }) => columns).filter((columns) => !columns.school_sourced_id && columns.class_sourced_id !== undefined);
      if (derive.length === 0) return;
      // The reference check has already proved the classes exist.
      const schools = await schoolsOfClasses(tx, [...new Set(derive.map((columns) => columns.class_sourced_id as string))]);
      for (const columns of derive) columns.school_sourced_id = schools.get(columns.class_sourced_id as string);
    },
    // A line item moved to another class takes its results' class along.
    async afterWrite(tx, _input, ctx) {
      if (!ctx.existing) return;
      await tx.execute(sql`update results r set class_sourced_id = li.class_sourced_id, date_last_modified = now()
        from line_items li where li.sourced_id = ${ctx.sourcedId} and r.line_item_sourced_id = li.sourced_id and r.class_sourced_id <> li.class_sourced_id`);
    },
  },
});
