/**
 * What a collection query means beyond its clauses: which rows it may see, and whether its best plan
 * depends on the client's values.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Fields } from '../resource/fields.js';
import { compileFilter, compileSearch, resolveField } from './compile.js';
import { filterFields, type FilterAst } from './filter-parser.js';

/** A parsed collection query (list-query.ts reads it from the request). */
export interface ListQuery {
  filter?: FilterAst;
  search?: string;
  sort?: string;
  orderBy?: string;
  limit: number;
  offset: number;
}

/** Deleted records stay visible to delta sync: a filter naming status or dateLastModified sees them. */
export function showsDeleted(filter: FilterAst | undefined): boolean {
  const named = filter ? filterFields(filter) : [];
  return named.includes('status') || named.includes('dateLastModified');
}

/** The conditions the client's query adds: visibility, filter, search (alias `t`). */
export function queryConditions(fields: Fields, searchFields: readonly string[], query: Pick<ListQuery, 'filter' | 'search'>): SQL[] {
  const conditions: SQL[] = [];
  if (!showsDeleted(query.filter)) conditions.push(sql`t.status <> 'tobedeleted'`);
  if (query.filter) conditions.push(compileFilter(fields, query.filter));
  if (query.search && query.search.trim() !== '') conditions.push(compileSearch(fields, searchFields, query.search));
  return conditions;
}

/** Whether a filter only asks for equality on sourcedIds or references (`lineItem.sourcedId='…'`, `lineItemSourcedId='…'`). */
export function identifiersOnly(fields: Fields, filter: FilterAst): boolean {
  return filter.every((conjunction) =>
    conjunction.every(({ field: path, op }) => {
      if (op !== '=') return false;
      const { field, subPath } = resolveField(fields, path, 'filter');
      return subPath.length === 0 && (field.kind === 'id' || field.kind === 'ref' || field.kind === 'refArray');
    }),
  );
}

/**
 * Whether the best plan depends on the client's values (1 % of users changed since yesterday, or
 * 90 %): such statements are planned on every execution. Equality on identifiers is the exception:
 * one line item's results are about as many as another's.
 */
export function valueDependent(fields: Fields, query: Pick<ListQuery, 'filter' | 'search'>): boolean {
  return (!!query.filter && !identifiersOnly(fields, query.filter)) || !!query.search?.trim();
}
