import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { firstRow } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { GRADEBOOK } from '../base-paths.js';
import { classes } from '../rostering/classes.resource.js';
import { holdsStudentRole } from '../rostering/users.resource.js';
import { assertStudent, notStudent, resultColumns, scoreFields, studentField } from './gradebook-fields.js';
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
    async prepare(tx, input, columns) {
      if (columns.line_item_sourced_id === undefined) return assertStudent(tx, input);
      // The line item's class and the student check in one round trip (this is the sync-burst write path).
      const lineItem = columns.line_item_sourced_id as string;
      const student = (input.student as { sourcedId: string } | null | undefined)?.sourcedId ?? null;
      const found = await firstRow<{ class: string; isStudent: boolean }>(
        tx,
        sql`select (select class_sourced_id from line_items where sourced_id = ${lineItem}) as class,
          ${holdsStudentRole(student)} as "isStudent"`,
      );
      if (student !== null && !found!.isStudent) throw notStudent(student);
      const given = columns.class_sourced_id as string | null | undefined;
      if (given && given !== found!.class) throw invalidData('class', `'${given}' is not the class of line item '${lineItem}' ('${found!.class}').`);
      columns.class_sourced_id = found!.class;
    },
  },
});
