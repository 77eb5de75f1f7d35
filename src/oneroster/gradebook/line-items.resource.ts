import { sql } from 'drizzle-orm';
import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { firstRow } from '../../platform/db/database.js';
import { refs } from '../refs.js';
import { learningObjectiveSet } from './gradebook-fields.js';

export const lineItems = defineResource({
  name: 'lineItem',
  plural: 'lineItems',
  entity: 'Line item',
  table: 'line_items',
  searchFields: ['title', 'description'],
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    description: f.text('description'),
    assignDate: f.date('assign_date', { required: true }),
    dueDate: f.date('due_date', { required: true }),
    class: f.ref('class_sourced_id', refs.class, { required: true }),
    // Required by the binding, but a class has exactly one school: derived from the class when left out.
    school: f.ref('school_sourced_id', refs.school),
    category: f.ref('category_sourced_id', refs.category, { required: true }),
    gradingPeriod: f.ref('grading_period_sourced_id', refs.gradingPeriod),
    academicSession: f.ref('academic_session_sourced_id', refs.academicSession),
    scoreScale: f.ref('score_scale_sourced_id', refs.scoreScale),
    resultValueMin: f.number('result_value_min'),
    resultValueMax: f.number('result_value_max'),
    learningObjectiveSet: learningObjectiveSet('learning_objective_set'),
  },
  hooks: {
    async prepare(tx, _input, columns) {
      if (columns.school_sourced_id || columns.class_sourced_id === undefined) return;
      // The reference check has already proved the class exists.
      const found = await firstRow<{ school: string }>(
        tx,
        sql`select school_sourced_id as school from classes where sourced_id = ${columns.class_sourced_id as string}`,
      );
      columns.school_sourced_id = found!.school;
    },
    // A line item moved to another class takes its results' class along.
    async afterWrite(tx, _input, ctx) {
      if (!ctx.existing) return;
      await tx.execute(sql`update results r set class_sourced_id = li.class_sourced_id, date_last_modified = now()
        from line_items li where li.sourced_id = ${ctx.sourcedId} and r.line_item_sourced_id = li.sourced_id and r.class_sourced_id <> li.class_sourced_id`);
    },
  },
});
