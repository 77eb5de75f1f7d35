/**
 * Typed access to a resource for business code (rules that read and write records): the same
 * statements, visibility rules (deleted rows and rows outside the resource's scope hidden, unless a
 * filter names status or dateLastModified) and query grammar as the HTTP collections, with rows typed
 * from the field declarations.
 */
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { parseFilter } from '../query/filter-parser.js';
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
  list(db: Executor, query?: RepoQuery): Promise<Row<F>[]>;
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
        filter: query.filter === undefined ? undefined : parseFilter(query.filter),
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
