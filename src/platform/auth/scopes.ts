/**
 * Scope URIs. Clients send OneRoster scopes in both the v1p1 and the v1p2 form; both are folded into
 * one canonical name (`or:roster.readonly`) before any comparison. The admin scope implies all others.
 */
const OR_PREFIX = /^https:\/\/purl\.imsglobal\.org\/spec\/or\/v1p[12]\/scope\//;
const CLR_PREFIX = 'https://purl.imsglobal.org/spec/clr/v2p0/scope/';

export const ADMIN = 'or:admin';

/** Canonical form of a scope URI; unknown URIs stay as they are (and match nothing). */
export function canonicalScope(uri: string): string {
  if (OR_PREFIX.test(uri)) return `or:${uri.replace(OR_PREFIX, '')}`;
  if (uri.startsWith(CLR_PREFIX)) return `clr:${uri.slice(CLR_PREFIX.length)}`;
  return uri;
}

/** The URI a canonical scope is documented and granted as (v1p2 form for OneRoster). */
export function scopeUri(canonical: string): string {
  if (canonical.startsWith('or:')) return `https://purl.imsglobal.org/spec/or/v1p2/scope/${canonical.slice(3)}`;
  if (canonical.startsWith('clr:')) return `${CLR_PREFIX}${canonical.slice(4)}`;
  return canonical;
}

/** Every scope this server knows, canonical, with a description for the discovery documents. */
export const KNOWN_SCOPES: Record<string, string> = {
  'or:admin': 'Administrator: every operation of every service.',
  'or:roster-core.readonly': 'Read the core rostering data (orgs, sessions, courses, classes, users, enrollments).',
  'or:roster.readonly': 'Read all rostering data except demographics.',
  'or:roster.createput': 'Create and update rostering data.',
  'or:roster.delete': 'Delete rostering data.',
  'or:roster-demographics.readonly': 'Read demographics.',
  'or:roster-demographics.createput': 'Create and update demographics.',
  'or:roster-demographics.delete': 'Delete demographics.',
  'or:gradebook.readonly': 'Read all gradebook data.',
  'or:gradebook-core.readonly': 'Read core gradebook data.',
  'or:gradebook.createput': 'Create and update gradebook data (PUT).',
  'or:gradebook.createpost': 'Create gradebook data (POST).',
  'or:gradebook.delete': 'Delete gradebook data.',
  'or:assessment.readonly': 'Read assessment line items and results.',
  'or:assessment.createput': 'Create and update assessment line items and results.',
  'or:assessment.delete': 'Delete assessment line items and results.',
  'or:resource.readonly': 'Read resources.',
  'or:resource-core.readonly': 'Read core resources.',
  'or:resource.createput': 'Create and update resources.',
  'or:resource.delete': 'Delete resources.',
  'clr:credential.readonly': 'Read CLR credentials.',
  'clr:credential.upsert': 'Create and update CLR credentials.',
  'clr:credential.admin': 'Administer CLR credentials and the publisher profile.',
};

/**
 * A route's requirement: any one of the alternatives, each a set of scopes all of which are needed.
 * `[['a'], ['b']]` = a or b; `[['a', 'b']]` = a and b.
 */
export type ScopeRequirement = string[][];

export function anyOf(...scopes: string[]): ScopeRequirement {
  return scopes.map((s) => [s]);
}

export function satisfies(granted: ReadonlySet<string>, requirement: ScopeRequirement): boolean {
  if (granted.has(ADMIN)) return true;
  return requirement.some((all) => all.every((s) => granted.has(s)));
}
