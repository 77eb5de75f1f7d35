import { anyOf } from '../../platform/auth/scopes.js';

/** The binding's Scopes section: which scope each kind of rostering operation needs. */
export const rosterScopes = {
  core: anyOf('or:roster.readonly', 'or:roster-core.readonly'),
  read: anyOf('or:roster.readonly'),
  write: anyOf('or:roster.createput'),
  delete: anyOf('or:roster.delete'),
  demographicsRead: anyOf('or:roster-demographics.readonly'),
  demographicsWrite: anyOf('or:roster-demographics.createput'),
  demographicsDelete: anyOf('or:roster-demographics.delete'),
};
