/**
 * Reads the collection query parameters (limit, offset, filter, sort, orderBy, fields, search)
 * into a validated ListQuery, and projects objects onto `fields`.
 */
import { Type } from '@sinclair/typebox';
import { CodeMinor, ImsxError, badRequest } from '../errors.js';
import type { ListQuery } from './plan.js';
import { parseFilter } from './filter-parser.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 3000;

/** The documented query parameters of every collection (parsed by hand for precise errors). */
export const ListQueryParams = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, default: DEFAULT_LIMIT, description: `Page size; values above ${MAX_LIMIT} are clamped.` })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  sort: Type.Optional(Type.String({ description: 'Field to sort by (dot-notation allowed).' })),
  orderBy: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  filter: Type.Optional(Type.String({ description: "e.g. status='active' AND familyName~'smi'" })),
  fields: Type.Optional(Type.String({ description: 'Comma-separated fields to return.' })),
  search: Type.Optional(Type.String({ description: 'Free-text, case-insensitive partial match over the search fields.' })),
});

export const SingleQueryParams = Type.Object({ fields: ListQueryParams.properties.fields });

type RawQuery = Record<string, string | string[] | undefined>;

function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badRequest(`${name} is given more than once.`, name);
  return value;
}

function nonNegativeInteger(query: RawQuery, name: string, fallback: number, minimum: number): number {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw badRequest(`${name} must be an integer ≥ ${minimum}, not '${raw}'.`, name);
  const value = Number(raw.trim());
  if (value < minimum || !Number.isSafeInteger(value)) throw badRequest(`${name} must be an integer ≥ ${minimum}, not '${raw}'.`, name);
  return value;
}

export function parseFields(query: RawQuery): string[] | undefined {
  const raw = single(query, 'fields');
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new ImsxError(400, CodeMinor.invalidSelectionField, 'fields is empty: name at least one field.', [{ field: 'fields', message: 'empty selection' }]);
  return names;
}

export function parseListQuery(query: RawQuery): ListQuery & { fields?: string[] } {
  const filter = single(query, 'filter');
  return {
    limit: Math.min(nonNegativeInteger(query, 'limit', DEFAULT_LIMIT, 1), MAX_LIMIT),
    offset: nonNegativeInteger(query, 'offset', 0, 0),
    filter: filter === undefined ? undefined : parseFilter(filter),
    sort: single(query, 'sort') || undefined,
    orderBy: single(query, 'orderBy') || undefined,
    search: single(query, 'search'),
    fields: parseFields(query),
  };
}

/**
 * The binding's Field Selection rule: names that are not fields of the resource are ignored, and when
 * none is, ALL data of the record is returned (undefined = no projection).
 */
export function selectedFields(fields: string[] | undefined, isField: (name: string) => boolean): string[] | undefined {
  const known = fields?.filter(isField);
  return known && known.length > 0 ? known : undefined;
}

/** Keeps only the selected fields (those the object has). */
export function project<T extends Record<string, unknown>>(object: T, fields: string[] | undefined): Partial<T> {
  if (!fields) return object;
  const out: Partial<T> = {};
  for (const name of fields) if (Object.hasOwn(object, name)) (out as Record<string, unknown>)[name] = object[name];
  return out;
}
