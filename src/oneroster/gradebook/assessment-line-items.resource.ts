import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';
import { invalidData } from '../../platform/errors.js';
import { refs } from '../refs.js';
import { learningObjectiveSet } from './gradebook-fields.js';

/**
 * Line items of tests and assessments outside a class. The platform adds `course`, `component` and
 * `componentResource`, which tie them to its course structure (units and lessons).
 */
export const assessmentLineItems = defineResource({
  name: 'assessmentLineItem',
  plural: 'assessmentLineItems',
  entity: 'Assessment line item',
  table: 'assessment_line_items',
  searchFields: ['title', 'description'],
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    description: f.text('description'),
    class: f.ref('class_sourced_id', refs.class),
    parentAssessmentLineItem: f.ref('parent_sourced_id', refs.assessmentLineItem),
    scoreScale: f.ref('score_scale_sourced_id', refs.scoreScale),
    resultValueMin: f.number('result_value_min'),
    resultValueMax: f.number('result_value_max'),
    learningObjectiveSet: learningObjectiveSet('learning_objective_set'),
    course: f.ref('course_sourced_id', refs.course),
    component: f.ref('component_sourced_id', refs.courseComponent),
    componentResource: f.ref('component_resource_sourced_id', refs.componentResource),
  },
  hooks: {
    async prepare(_tx, _input, columns, ctx) {
      if (columns.parent_sourced_id === ctx.sourcedId) throw invalidData('parentAssessmentLineItem', 'an assessment line item cannot be its own parent.');
    },
  },
});
