import { anyOf } from '../../platform/auth/scopes.js';
import { oneRosterScopes } from '../oneroster-scopes.js';

/** The rostering scopes, and `admin`: every operation of every service. */
export const rosterScopeDeclaration = oneRosterScopes(
  {
    admin: 'Administrator: every operation of every service.',
    'roster-core.readonly': 'Read the core rostering data (orgs, sessions, courses, classes, users, enrollments).',
    'roster.readonly': 'Read all rostering data except demographics.',
    'roster.createput': 'Create and update rostering data.',
    'roster.delete': 'Delete rostering data.',
    'roster-demographics.readonly': 'Read demographics.',
    'roster-demographics.createput': 'Create and update demographics.',
    'roster-demographics.delete': 'Delete demographics.',
  },
  'admin',
);

/** The binding's Scopes section: which scope each kind of rostering operation needs. */
export const rosterScopes = {
  admin: anyOf('or:admin'),
  core: anyOf('or:roster.readonly', 'or:roster-core.readonly'),
  read: anyOf('or:roster.readonly'),
  write: anyOf('or:roster.createput'),
  delete: anyOf('or:roster.delete'),
  demographicsRead: anyOf('or:roster-demographics.readonly'),
  demographicsWrite: anyOf('or:roster-demographics.createput'),
  demographicsDelete: anyOf('or:roster-demographics.delete'),
};

/** CRUD of a rostering collection: core reads, roster writes and deletes. */
export const rosterCrud = { read: rosterScopes.core, create: rosterScopes.write, put: rosterScopes.write, delete: rosterScopes.delete };
