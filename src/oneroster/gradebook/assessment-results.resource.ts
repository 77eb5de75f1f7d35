import { sql } from 'drizzle-orm';
import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { refs } from '../refs.js';
import { assertStudent, scoreFields, studentField } from './gradebook-fields.js';

/** Scores on assessment line items. The platform keeps XP, accuracy and mastery in `metadata`. */
export const assessmentResults = defineResource({
  name: 'assessmentResult',
  plural: 'assessmentResults',
  entity: 'Assessment result',
  table: 'assessment_results',
  searchFields: ['scoreStatus', 'comment', 'textScore', 'student', 'assessmentLineItem'],
  // A result of a deleted assessment line item is gone with it.
  scope: sql`exists (select 1 from assessment_line_items ali where ali.sourced_id = t.assessment_line_item_sourced_id and ali.status <> 'tobedeleted')`,
  fields: {
    ...f.common(),
    assessmentLineItem: f.ref('assessment_line_item_sourced_id', refs.assessmentLineItem, { required: true }),
    student: studentField(),
    scoreScale: f.ref('score_scale_sourced_id', refs.scoreScale),
    scorePercentile: f.number('score_percentile'),
    ...scoreFields,
  },
  hooks: {
    prepare: (tx, input) => assertStudent(tx, input),
  },
});
