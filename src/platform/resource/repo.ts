/**
 * Typed access to a resource for business code (rules that read and write records): the same
 * statements, visibility rules (deleted rows and rows outside the resource's scope hidden, unless a
 * filter names status or dateLastModified) and query grammar as the HTTP collections, with rows typed
 * from the field declarations.
 */
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { parseFilter, type FilterAst } from '../query/filter-parser.js';
import type { Fields, GUIDRefValue, ValueOf } from './fields.js';
import { getRow, listRows, present, writeMany, type PresentContext, type ResourceDef, type WriteManyOptions, type WriteResult } from './resource.js';

/** A row as the API serves it: fields without a value are absent. */
export type Row<F extends Fields> = { [K in keyof F]?: ValueOf<F[K]> } & { sourcedId: string; status: 'active' | 'tobedeleted'; dateLastModified: string };

/** What a write accepts for a field: references by sourcedId, booleans as booleans or "true"/"false". */
type InputValue<T> = T extends GUIDRefValue
  ? { sourcedId: string }
  : T extends GUIDRefValue[]
    ? { sourcedId: string }[]
    : T extends 'true' | 'false'
      ? boolean | T
      : T;
export type Input<F extends Fields> = { [K in keyof F]?: InputValue<ValueOf<F[K]>> | null };

export interface RepoQuery {
  /** Conditions on the resource's table (alias `t`). */
  where?: SQL[];
  /** Fields that must equal a value (`{ parent: 'p1', type: 'x' }`; a reference by its sourcedId), ANDed with `filter`. */
  equals?: Partial<Record<string, string>>;
  /** The filter grammar of the HTTP lists (`role='x' AND parent.sourcedId='p1'`). */
  filter?: string;
  search?: string;
  sort?: string;
  orderBy?: 'asc' | 'desc';
  /** All matching rows when absent. */
  limit?: number;
  offset?: number;
}

export interface Repo<F extends Fields> {
  get(db: Executor, sourcedId: string): Promise<Row<F> | undefined>;
  list(db: Executor, query?: RepoQuery & { equals?: Partial<Record<keyof F & string, string>> }): Promise<Row<F>[]>;
  writeMany(tx: Executor, rows: Input<F>[], mode: 'create' | 'replace', options?: WriteManyOptions): Promise<WriteResult[]>;
}

/** `ctx.baseUrl` makes GUIDRef hrefs absolute; business code that only needs sourcedIds can leave it out. */
export function repo<F extends Fields>(def: ResourceDef<F>, ctx: PresentContext = { baseUrl: '' }): Repo<F> {
  const typed = (row: Record<string, unknown>) => present(def, row, ctx) as Row<F>;
  return {
    async get(db, sourcedId) {
      const row = await getRow(db, def, sourcedId);
      return row && typed(row);
    },
    async list(db, query = {}) {
      const { rows } = await listRows(db, def, query.where ?? [], {
        filter: withEquals(query.filter === undefined ? undefined : parseFilter(query.filter), query.equals),
        search: query.search,
        sort: query.sort,
        orderBy: query.orderBy,
        limit: query.limit ?? Number.MAX_SAFE_INTEGER,
        offset: query.offset ?? 0,
      });
      return rows.map(typed);
    },
    writeMany: (tx, rows, mode, options) => writeMany(tx, def, rows as Record<string, unknown>[], mode, options),
  };
}

/** Adds `field = value` to every conjunction of the filter (values travel as parameters, unquoted). */
function withEquals(filter: FilterAst | undefined, equals: RepoQuery['equals']): FilterAst | undefined {
  const predicates = Object.entries(equals ?? {}).flatMap(([field, value]) => (value === undefined ? [] : [{ field, op: '=' as const, value }]));
  if (predicates.length === 0) return filter;
  return (filter ?? [[]]).map((conjunction) => [...conjunction, ...predicates]);
}
