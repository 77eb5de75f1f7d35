import { sql } from 'drizzle-orm';
import { doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { GRADEBOOK } from '../base-paths.js';
import { assertStudent, resultColumns, scoreFields, studentField } from './gradebook-fields.js';
import { assessmentLineItems } from './assessment-line-items.resource.js';
import { scoreScales } from './score-scales.resource.js';

export const assessmentResultsTable = pgTable(
  'assessment_results',
  {
    ...resourceColumns(),
    ...resultColumns(),
    assessmentLineItemSourcedId: text('assessment_line_item_sourced_id').notNull(),
    scorePercentile: doublePrecision('score_percentile'),
  },
  (t) => [
    index('assessment_results_line_item_idx').on(t.assessmentLineItemSourcedId),
    index('assessment_results_student_line_item_idx').on(t.studentSourcedId, t.assessmentLineItemSourcedId),
    index('assessment_results_dlm_idx').on(t.dateLastModified),
  ],
);

/** Scores on assessment line items. The platform keeps XP, accuracy and mastery in `metadata`. */
export const assessmentResults = defineResource({
  name: 'assessmentResult',
  table: assessmentResultsTable,
  basePath: GRADEBOOK,
  searchFields: ['scoreStatus', 'comment', 'textScore', 'student', 'assessmentLineItem'],
  // A result of a deleted assessment line item is gone with it.
  scope: sql`exists (select 1 from assessment_line_items ali where ali.sourced_id = t.assessment_line_item_sourced_id and ali.status <> 'tobedeleted')`,
  fields: (t) => ({
    ...f.common(t),
    // Results may only be written against line items that are not deleted.
    assessmentLineItem: f.ref(t.assessmentLineItemSourcedId, () => assessmentLineItems, { required: true, active: true }),
    student: studentField(t),
    scoreScale: f.ref(t.scoreScaleSourcedId, () => scoreScales),
    scorePercentile: f.number(t.scorePercentile),
    ...scoreFields(t),
  }),
  hooks: {
    prepare: (tx, input) => assertStudent(tx, input),
  },
});
