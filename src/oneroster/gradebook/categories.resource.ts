import { defineResource } from '../../platform/resource/resource.js';
import { f } from '../../platform/resource/fields.js';

/** A grading category (homework, tests, …). In 1.2 a category has no class: classes use it through their line items. */
export const categories = defineResource({
  name: 'category',
  plural: 'categories',
  entity: 'Category',
  table: 'categories',
  searchFields: ['title'],
  fields: {
    ...f.common(),
    title: f.text('title', { required: true }),
    weight: f.number('weight'),
  },
});
