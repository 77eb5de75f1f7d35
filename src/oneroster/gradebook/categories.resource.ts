import { doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { defineResource } from '../../platform/resource/resource.js';
import { resourceColumns } from '../../platform/resource/columns.js';
import { f } from '../../platform/resource/fields.js';
import { GRADEBOOK } from '../base-paths.js';

export const categoriesTable = pgTable(
  'categories',
  {
    ...resourceColumns(),
    title: text('title').notNull(),
    weight: doublePrecision('weight'),
  },
  (t) => [index('categories_dlm_idx').on(t.dateLastModified)],
);

/** A grading category (homework, tests, …). In 1.2 a category has no class: classes use it through their line items. */
export const categories = defineResource({
  name: 'category',
  table: categoriesTable,
  basePath: GRADEBOOK,
  searchFields: ['title'],
  fields: (t) => ({
    ...f.common(t),
    title: f.text(t.title, { required: true }),
    weight: f.number(t.weight),
  }),
});
