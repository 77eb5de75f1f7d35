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
  /** POSTs (the binding's bulk ones and the platform's single-object ones): either write scope will do, as on the platform. */
  create: anyOf('or:gradebook.createpost', 'or:gradebook.createput'),
  delete: anyOf('or:gradebook.delete'),
  // Assessment line items and results: the binding's assessment scopes, or the gradebook scopes the
  // platform's token endpoint grants (it has no assessment.* scopes; its clients write XP and mastery there).
  assessmentRead: anyOf('or:assessment.readonly', 'or:gradebook.readonly'),
  assessmentWrite: anyOf('or:assessment.createput', 'or:gradebook.createput'),
  assessmentDelete: anyOf('or:assessment.delete', 'or:gradebook.delete'),
};
