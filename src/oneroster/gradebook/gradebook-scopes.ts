import { anyOf } from '../../platform/auth/scopes.js';
import { oneRosterScopes } from '../oneroster-scopes.js';

export const gradebookScopeDeclaration = oneRosterScopes({
  'gradebook.readonly': 'Read all gradebook data.',
  'gradebook-core.readonly': 'Read core gradebook data.',
  'gradebook.createput': 'Create and update gradebook data (PUT).',
  'gradebook.createpost': 'Create gradebook data (POST).',
  'gradebook.delete': 'Delete gradebook data.',
  'assessment.readonly': 'Read assessment line items and results.',
  'assessment.createput': 'Create and update assessment line items and results.',
  'assessment.delete': 'Delete assessment line items and results.',
});

/** The binding's per-operation `security`: which scope each kind of gradebook operation needs. */
export const gradebookScopes = {
  /** Top-level reads of categories, line items, results and score scales. */
  core: anyOf('or:gradebook.readonly', 'or:gradebook-core.readonly'),
  /** Class- and school-scoped reads. */
  read: anyOf('or:gradebook.readonly'),
  put: anyOf('or:gradebook.createput'),
  /** The binding's bulk POSTs. */
  post: anyOf('or:gradebook.createpost'),
  /** The platform's single-object POSTs are not in the binding: either write scope will do. */
  create: anyOf('or:gradebook.createpost', 'or:gradebook.createput'),
  delete: anyOf('or:gradebook.delete'),
  assessmentRead: anyOf('or:assessment.readonly'),
  assessmentWrite: anyOf('or:assessment.createput'),
  assessmentDelete: anyOf('or:assessment.delete'),
};
