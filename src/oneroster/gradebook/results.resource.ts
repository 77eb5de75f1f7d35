import { sql } from 'drizzle-orm';
import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { firstRow } from '../../platform/db/database.js';
import { invalidData } from '../../platform/errors.js';
import { refs } from '../refs.js';
import { assertStudent, scoreFields, studentField } from './gradebook-fields.js';

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
      await assertStudent(tx, input);
      if (columns.line_item_sourced_id === undefined) return;
      const lineItem = columns.line_item_sourced_id as string;
      const found = await firstRow<{ class: string }>(tx, sql`select class_sourced_id as class from line_items where sourced_id = ${lineItem}`);
      const given = columns.class_sourced_id as string | null | undefined;
      if (given && given !== found!.class) throw invalidData('class', `'${given}' is not the class of line item '${lineItem}' ('${found!.class}').`);
      columns.class_sourced_id = found!.class;
    },
  },
});
