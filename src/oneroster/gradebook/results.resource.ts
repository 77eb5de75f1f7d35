import { sql } from 'drizzle-orm';
import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { firstRow } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { refs } from '../refs.js';
import { assertStudent, notStudent, scoreFields, studentField } from './gradebook-fields.js';

export const results = defineResource({
  name: 'result',
  plural: 'results',
  entity: 'Result',
  table: 'results',
  searchFields: ['scoreStatus', 'comment', 'textScore', 'student', 'lineItem'],
  // A result of a deleted line item is gone with it.
  scope: sql`exists (select 1 from line_items li where li.sourced_id = t.line_item_sourced_id and li.status <> 'tobedeleted')`,
  fields: {
    ...f.common(),
    lineItem: f.ref('line_item_sourced_id', refs.lineItem, { required: true }),
    student: studentField(),
    // The line item's class: derived when left out, and must agree when given.
    class: f.ref('class_sourced_id', refs.class),
    scoreScale: f.ref('score_scale_sourced_id', refs.scoreScale),
    ...scoreFields,
  },
  hooks: {
    async prepare(tx, input, columns) {
      if (columns.line_item_sourced_id === undefined) return assertStudent(tx, input);
      // The line item's class and the student check in one round trip (this is the sync-burst write path).
      const lineItem = columns.line_item_sourced_id as string;
      const student = (input.student as { sourcedId: string } | null | undefined)?.sourcedId ?? null;
      const found = await firstRow<{ class: string; isStudent: boolean }>(
        tx,
        sql`select (select class_sourced_id from line_items where sourced_id = ${lineItem}) as class,
          exists (select 1 from user_roles where user_sourced_id = ${student} and role = 'student') as "isStudent"`,
      );
      if (student !== null && !found!.isStudent) throw notStudent(student);
      const given = columns.class_sourced_id as string | null | undefined;
      if (given && given !== found!.class) throw invalidData('class', `'${given}' is not the class of line item '${lineItem}' ('${found!.class}').`);
      columns.class_sourced_id = found!.class;
    },
  },
});
