import { Type } from '@sinclair/typebox';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { GRADEBOOK } from '../base-paths.js';
import { classes } from '../rostering/classes.resource.js';
import { courses } from '../rostering/courses.resource.js';

/** A score scale belongs to a class (and optionally a course); its mapping is free-form JSON. */
export const scoreScalesTable = pgTable(
  'score_scales',
  {
    ...resourceColumns(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    classSourcedId: text('class_sourced_id').notNull(),
    courseSourcedId: text('course_sourced_id'),
    scoreScaleValue: jsonb('score_scale_value').notNull(),
  },
  (t) => [index('score_scales_class_idx').on(t.classSourcedId), index('score_scales_dlm_idx').on(t.dateLastModified)],
);

/** One mapping of the scale; `value` and `description` are the platform's additions to the binding's pair. */
const ScoreScaleValue = Type.Object(
  {
    itemValueLHS: Type.String(),
    itemValueRHS: Type.String(),
    value: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

/** A score scale belongs to a class (and optionally a course); a school's scales are those of its classes. */
export const scoreScales = defineResource({
  name: 'scoreScale',
  table: scoreScalesTable,
  basePath: GRADEBOOK,
  searchFields: ['title', 'type'],
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    type: f.text(t.type, { required: true }),
    class: f.ref(t.classSourcedId, () => classes, { required: true }),
    course: f.ref(t.courseSourcedId, () => courses),
    scoreScaleValue: { ...f.json(t.scoreScaleValue, Type.Array(ScoreScaleValue, { minItems: 1 })), required: true },
  }),
});
