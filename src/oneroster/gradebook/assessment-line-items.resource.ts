import { doublePrecision, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { invalidData } from '../../platform/errors.js';
import { GRADEBOOK } from '../base-paths.js';
import { classes } from '../rostering/classes.resource.js';
import { courses } from '../rostering/courses.resource.js';
import { courseComponents } from '../course-structure/course-components.resource.js';
import { componentResources } from '../course-structure/component-resources.resource.js';
import { learningObjectiveSet } from './gradebook-fields.js';
import { scoreScales } from './score-scales.resource.js';

/** Assessment line items stand outside classes; the platform ties them to its course structure. */
export const assessmentLineItemsTable = pgTable(
  'assessment_line_items',
  {
    ...resourceColumns(),
    title: text('title').notNull(),
    description: text('description'),
    classSourcedId: text('class_sourced_id'),
    parentSourcedId: text('parent_sourced_id'),
    scoreScaleSourcedId: text('score_scale_sourced_id'),
    resultValueMin: doublePrecision('result_value_min'),
    resultValueMax: doublePrecision('result_value_max'),
    learningObjectiveSet: jsonb('learning_objective_set'),
    courseSourcedId: text('course_sourced_id'),
    componentSourcedId: text('component_sourced_id'),
    componentResourceSourcedId: text('component_resource_sourced_id'),
  },
  (t) => [
    index('assessment_line_items_class_idx').on(t.classSourcedId),
    index('assessment_line_items_parent_idx').on(t.parentSourcedId),
    index('assessment_line_items_course_idx').on(t.courseSourcedId),
    index('assessment_line_items_component_idx').on(t.componentSourcedId),
    index('assessment_line_items_component_resource_idx').on(t.componentResourceSourcedId),
    index('assessment_line_items_dlm_idx').on(t.dateLastModified),
  ],
);

/**
 * Line items of tests and assessments outside a class. The platform adds `course`, `component` and
 * `componentResource`, which tie them to its course structure (units and lessons).
 */
export const assessmentLineItems = defineResource({
  name: 'assessmentLineItem',
  table: assessmentLineItemsTable,
  basePath: GRADEBOOK,
  searchFields: ['title', 'description'],
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    description: f.text(t.description),
    class: f.ref(t.classSourcedId, () => classes),
    parentAssessmentLineItem: f.ref(t.parentSourcedId, 'self', { active: true }),
    scoreScale: f.ref(t.scoreScaleSourcedId, () => scoreScales),
    resultValueMin: f.number(t.resultValueMin),
    resultValueMax: f.number(t.resultValueMax),
    learningObjectiveSet: learningObjectiveSet(t.learningObjectiveSet),
    course: f.ref(t.courseSourcedId, () => courses),
    component: f.ref(t.componentSourcedId, () => courseComponents),
    componentResource: f.ref(t.componentResourceSourcedId, () => componentResources),
  }),
  hooks: {
    async prepare(_tx, _input, columns, ctx) {
      if (columns.parent_sourced_id === ctx.sourcedId) throw invalidData('parentAssessmentLineItem', 'an assessment line item cannot be its own parent.');
    },
  },
});
