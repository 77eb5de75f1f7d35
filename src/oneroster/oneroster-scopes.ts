/**
 * OneRoster's scope URIs: the 1.2 form is documented; clients of 1.1 servers send the v1p1 form,
 * which grants the same. Each OneRoster service declares its own names under this prefix.
 */
import type { ScopeDeclaration } from '../platform/auth/scopes.js';

export const oneRosterScopes = (scopes: Record<string, string>, admin?: string): ScopeDeclaration => ({
  prefix: 'or',
  uris: ['https://purl.imsglobal.org/spec/or/v1p2/scope/', 'https://purl.imsglobal.org/spec/or/v1p1/scope/'],
  scopes,
  admin,
});
