/**
 * Tables of the Gradebook service. Results are the largest tables of the platform (one row per
 * student per line item), so every class-, student- and line-item-scoped read and every delta query
 * (`dateLastModified`) has an index behind it.
 */
import { boolean, doublePrecision, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { base } from '../../platform/db/schema.js';

export const categories = pgTable(
  'categories',
  {
    ...base(),
    title: text('title').notNull(),
    weight: doublePrecision('weight'),
  },
  (t) => [index('categories_dlm_idx').on(t.dateLastModified)],
);

/** A score scale belongs to a class (and optionally a course); its mapping is free-form JSON. */
export const scoreScales = pgTable(
  'score_scales',
  {
    ...base(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    classSourcedId: text('class_sourced_id').notNull(),
    courseSourcedId: text('course_sourced_id'),
    scoreScaleValue: jsonb('score_scale_value').notNull(),
  },
  (t) => [index('score_scales_class_idx').on(t.classSourcedId), index('score_scales_dlm_idx').on(t.dateLastModified)],
);

export const lineItems = pgTable(
  'line_items',
  {
    ...base(),
    title: text('title').notNull(),
    description: text('description'),
    assignDate: text('assign_date').notNull(),
    dueDate: text('due_date').notNull(),
    classSourcedId: text('class_sourced_id').notNull(),
    schoolSourcedId: text('school_sourced_id').notNull(),
    categorySourcedId: text('category_sourced_id').notNull(),
    gradingPeriodSourcedId: text('grading_period_sourced_id'),
    academicSessionSourcedId: text('academic_session_sourced_id'),
    scoreScaleSourcedId: text('score_scale_sourced_id'),
    resultValueMin: doublePrecision('result_value_min'),
    resultValueMax: doublePrecision('result_value_max'),
    learningObjectiveSet: jsonb('learning_objective_set'),
  },
  (t) => [
    // (class, category) also serves "categories used in a class".
    index('line_items_class_idx').on(t.classSourcedId, t.categorySourcedId),
    index('line_items_school_idx').on(t.schoolSourcedId),
    index('line_items_category_idx').on(t.categorySourcedId),
    index('line_items_dlm_idx').on(t.dateLastModified),
  ],
);

/** Flags and scores shared by results and assessment results. */
const resultColumns = () => ({
  studentSourcedId: text('student_sourced_id').notNull(),
  scoreScaleSourcedId: text('score_scale_sourced_id'),
  scoreStatus: text('score_status').notNull(),
  score: doublePrecision('score'),
  textScore: text('text_score'),
  scoreDate: text('score_date').notNull(),
  comment: text('comment'),
  learningObjectiveSet: jsonb('learning_objective_set'),
  inProgress: boolean('in_progress'),
  incomplete: boolean('incomplete'),
  late: boolean('late'),
  missing: boolean('missing'),
});

export const results = pgTable(
  'results',
  {
    ...base(),
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

/** Assessment line items stand outside classes; the platform ties them to its course structure. */
export const assessmentLineItems = pgTable(
  'assessment_line_items',
  {
    ...base(),
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

export const assessmentResults = pgTable(
  'assessment_results',
  {
    ...base(),
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
