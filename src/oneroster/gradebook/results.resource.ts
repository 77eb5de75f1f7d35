import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource, RowError } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { firstRow } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { GRADEBOOK } from '../base-paths.js';
import { classes } from '../rostering/classes.resource.js';
import { holdsStudentRole } from '../rostering/users.resource.js';
import { notStudent, resultColumns, scoreFields, studentField } from './gradebook-fields.js';
import { lineItems } from './line-items.resource.js';
import { scoreScales } from './score-scales.resource.js';

export const resultsTable = pgTable(
  'results',
  {
    ...resourceColumns(),
    ...resultColumns(),
    lineItemSourcedId: text('line_item_sourced_id').notNull(),
    classSourcedId: text('class_sourced_id').notNull(),
  },
  (t) => [
    index('results_line_item_idx').on(t.lineItemSourcedId),
    index('results_student_line_item_idx').on(t.studentSourcedId, t.lineItemSourcedId),
    index('results_dlm_idx').on(t.dateLastModified),
  ],
);

export const results = defineResource({
  name: 'result',
  table: resultsTable,
  basePath: GRADEBOOK,
  searchFields: ['scoreStatus', 'comment', 'textScore', 'student', 'lineItem'],
  // A result of a deleted line item is gone with it.
  scope: sql`exists (select 1 from line_items li where li.sourced_id = t.line_item_sourced_id and li.status <> 'tobedeleted')`,
  fields: (t) => ({
    ...f.common(t),
    // Results may only be written against line items that are not deleted.
    lineItem: f.ref(t.lineItemSourcedId, () => lineItems, { required: true, active: true }),
    student: studentField(t),
    // The line item's class: derived when left out, and must agree when given.
    class: f.ref(t.classSourcedId, () => classes),
    scoreScale: f.ref(t.scoreScaleSourcedId, () => scoreScales),
    ...scoreFields(t),
  }),
  hooks: {
    // Each row's line item class and student check, for the whole batch in one round trip (the sync-burst write path).
    async prepareMany(tx, batch) {
      const lineItemIds = [...new Set(batch.map(({ columns }) => columns.line_item_sourced_id as string | undefined).filter((id) => id !== undefined))];
      const studentIds = [...new Set(batch.map(({ input }) => studentOf(input)).filter((id) => id !== null))];
      const found = await firstRow<{ classes: Record<string, string> | null; students: string[] | null }>(
        tx,
        sql`select (select json_object_agg(li.sourced_id, li.class_sourced_id) from line_items li where li.sourced_id = any(${sql.param(lineItemIds)}::text[])) as classes,
          (select array_agg(u.id) from unnest(${sql.param(studentIds)}::text[]) as u(id) where ${holdsStudentRole(sql`u.id`)}) as students`,
      );
      const classes = found?.classes ?? {};
      const students = new Set(found?.students ?? []);
      batch.forEach(({ input, columns }, index) => {
        const student = studentOf(input);
        if (student !== null && !students.has(student)) throw new RowError(index, notStudent(student));
        const lineItem = columns.line_item_sourced_id as string | undefined;
        if (lineItem === undefined) return;
        const given = columns.class_sourced_id as string | null | undefined;
        if (given && given !== classes[lineItem])
          throw new RowError(index, invalidData('class', `'${given}' is not the class of line item '${lineItem}' ('${classes[lineItem]}').`));
        columns.class_sourced_id = classes[lineItem];
      });
    },
  },
});

const studentOf = (input: Record<string, unknown>) => (input.student as { sourcedId: string } | null | undefined)?.sourcedId ?? null;
