import { Type } from '@sinclair/typebox';
import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { refs } from '../refs.js';

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
  plural: 'scoreScales',
  entity: 'Score scale',
  table: 'score_scales',
  searchFields: ['title', 'type'],
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    type: f.text('type', { required: true }),
    class: f.ref('class_sourced_id', refs.class, { required: true }),
    course: f.ref('course_sourced_id', refs.course),
    scoreScaleValue: { ...f.json('score_scale_value', Type.Array(ScoreScaleValue, { minItems: 1 })), required: true },
  },
});
