/**
 * A resource declared once: table, fields, search fields, write hooks. This file turns a declaration
 * into SQL (list, get, write, soft delete) and turns rows into API objects. HTTP lives in service.ts.
 */
import { randomUUID } from 'node:crypto';
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { rows, firstRow, planEveryTime, type Executor } from '../db/database.js';
import { ImsxError, badRequest, invalidData, notFound } from '../errors.js';
import { insertRowsStatement } from '../db/insert-rows.js';
import { fieldExpression, fieldSchemas, refTarget, toUtcDateTime, type Field, type Fields, type Presenter, type RefTarget } from './fields.js';
import { compileSort } from '../query/compile.js';
import { queryConditions, valueDependent, type ListQuery } from '../query/plan.js';
import type { ListTotals } from './list-totals.js';

/** What serialization needs from the request: where hrefs point. */
export interface PresentContext {
  baseUrl: string;
}

export interface WriteContext {
  mode: 'create' | 'replace' | 'patch';
  sourcedId: string;
  /** The stored row before this write (replace/patch of an existing record). */
  existing?: Record<string, unknown>;
}

export interface ResourceHooks {
  /** Validates and derives column values before the write (e.g. an enrollment's school from its class). */
  prepare?(tx: Executor, input: Record<string, unknown>, columns: Record<string, unknown>, ctx: WriteContext): Promise<void>;
  /**
   * `prepare` for a whole batch in a fixed number of statements (writeMany; writeRecord passes a batch
   * of one); it throws RowError to fail one row. Resources without it get `prepare` per row.
   */
  prepareMany?(tx: Executor, batch: { input: Record<string, unknown>; columns: Record<string, unknown>; ctx: WriteContext }[]): Promise<void>;
  /** Writes what lives outside the main row (user roles, agents). */
  afterWrite?(tx: Executor, input: Record<string, unknown>, ctx: WriteContext): Promise<void>;
}

/** A resource as declared in its `*.resource.ts`, next to its table. */
export interface ResourceDeclaration<T extends PgTable, F extends Fields> {
  /** Singular envelope key and GUIDRef type ('user'). */
  name: string;
  /** Collection envelope key; by default the English plural of `name` ('classes', 'categories'). */
  plural?: string;
  /** Human name for messages ('User' → "User not found."); by default `name` in words ('Line item'). */
  entity?: string;
  table: T;
  /** Base path of the service whose hrefs point at the resource. */
  basePath: string;
  /** Its collection under basePath, where that is not `/${plural}` (hrefs are `${basePath}${path}/{id}`). */
  path?: string;
  /** The fields, declared over the table's column objects. */
  fields: (table: T) => F;
  searchFields: readonly string[];
  /** Rows of the table that belong to this resource (lessons whose course is active). */
  scope?: SQL;
  hooks?: ResourceHooks;
  /** Accepted input names that map onto a field (class `org` → `school`). */
  inputAliases?: Record<string, string>;
}

export interface ResourceDef<F extends Fields = Fields> {
  name: string;
  plural: string;
  entity: string;
  /** The Drizzle table and its SQL name. */
  table: PgTable;
  tableName: string;
  basePath: string;
  path: string;
  fields: F;
  searchFields: readonly string[];
  scope?: SQL;
  hooks?: ResourceHooks;
  inputAliases?: Record<string, string>;
  /** Where a reference to this resource (or view) points and what the referenced row must meet. */
  target: RefTarget;
}

/** 'class' → 'classes', 'category' → 'categories', 'user' → 'users'. */
export function pluralOf(name: string): string {
  if (/(s|x|ch|sh)$/.test(name)) return `${name}es`;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return `${name}s`;
}

/** 'lineItem' → 'Line item'. */
export function entityOf(name: string): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function defineResource<T extends PgTable, F extends Fields>(declaration: ResourceDeclaration<T, F>): ResourceDef<F> {
  const plural = declaration.plural ?? pluralOf(declaration.name);
  const path = declaration.path ?? `/${plural}`;
  const tableName = getTableName(declaration.table);
  const fields = declaration.fields(declaration.table);
  // Names that are only strings are checked once, at start-up, not on the first request that uses them.
  for (const name of [...declaration.searchFields, ...Object.values(declaration.inputAliases ?? {})])
    if (!Object.hasOwn(fields, name)) throw new Error(`${declaration.name}: '${name}' is not one of its fields`);
  const def: ResourceDef<F> = {
    ...declaration,
    plural,
    entity: declaration.entity ?? entityOf(declaration.name),
    tableName,
    path,
    fields,
    target: { type: declaration.name, path: `${declaration.basePath}${path}`, table: tableName },
  };
  for (const field of Object.values(fields)) if (field.ref?.to === 'self') field.ref.to = () => def;
  return def;
}

/**
 * A view of a resource: the rows matching `scope`, with its own names. References to a view point at
 * its path and require its scope (`scopeDescription` says which in the 422).
 */
export function view<F extends Fields>(
  def: ResourceDef<F>,
  overrides: Partial<Omit<ResourceDef<F>, 'target' | 'table' | 'tableName'>> & { scope: SQL; scopeDescription?: string },
): ResourceDef<F> {
  const { scopeDescription, ...rest } = overrides;
  const path = overrides.path ?? def.path;
  return {
    ...def,
    ...rest,
    path,
    target: { ...def.target, path: `${def.basePath}${path}`, where: overrides.scope, whereDescription: scopeDescription },
  };
}

// ---------------------------------------------------------------- reading

const DATE_TIME_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

function selectExpression(field: Field): SQL {
  const expr = fieldExpression(field);
  if (field.kind === 'timestamp') return sql`to_char(${expr} at time zone 'UTC', ${sql.raw(DATE_TIME_FORMAT)})`;
  return expr;
}

const outputs = new WeakMap<Fields, { name: string; field: Field }[]>();

/** The readable fields with their presenters, listed once per declaration (present() runs for every row). */
function outputFields(def: ResourceDef) {
  let list = outputs.get(def.fields);
  if (!list) {
    list = Object.entries(def.fields)
      .filter(([, field]) => !field.writeOnly)
      .map(([name, field]) => ({ name, field }));
    outputs.set(def.fields, list);
  }
  return list;
}

const dialect = new PgDialect();
const selectLists = new WeakMap<Fields, SQL>();

/** The select list of a resource: every readable field aliased to its API name. */
export function selectList(def: ResourceDef): SQL {
  let list = selectLists.get(def.fields);
  if (!list) {
    const parts = outputFields(def).map(({ name, field }) => sql`${selectExpression(field)} as ${sql.identifier(name)}`);
    const built = sql.join(parts, sql`, `);
    // Rendered to text once: rebuilding ~25 expressions per request was ≈ 7 % of the server's CPU under
    // /users/{id}. A select list holds no parameters; one that did would stay a template.
    const rendered = dialect.sqlToQuery(built);
    list = rendered.params.length === 0 ? sql.raw(rendered.sql) : built;
    selectLists.set(def.fields, list);
  }
  return list;
}

/** The GUIDRef of a referenced object. */
export function refObject(target: RefTarget, sourcedId: string, ctx: PresentContext) {
  return { href: `${ctx.baseUrl}${target.path}/${encodeURIComponent(sourcedId)}`, sourcedId, type: target.type };
}

export type { Presenter };

/** Turns a selected row into the API object: GUIDRefs, "true"/"false", defaults for required outputs. */
export function present(def: ResourceDef, row: Record<string, unknown>, ctx: PresentContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, field } of outputFields(def)) {
    const value = row[name];
    if (value === null || value === undefined) {
      if (field.outDefault !== undefined) out[name] = field.outDefault;
      continue;
    }
    if (field.present) out[name] = field.present(value, ctx);
    else if (field.kind === 'ref') out[name] = refObject(refTarget(field.ref!), value as string, ctx);
    else if (field.kind === 'refArray') {
      const target = refTarget(field.ref!);
      out[name] = (value as string[]).map((id) => refObject(target, id, ctx));
    } else if (field.kind === 'boolean') out[name] = value ? 'true' : 'false';
    else if (field.kind === 'number') out[name] = Number(value);
    else out[name] = value;
  }
  return out;
}

/** Conditions shared by list and count: the view's scope, the route's condition, and the client's query. */
export function listConditions(def: ResourceDef, extra: SQL[], query: Pick<ListQuery, 'filter' | 'search'>): SQL {
  const conditions = [...(def.scope ? [def.scope] : []), ...extra, ...queryConditions(def.fields, def.searchFields, query)];
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}

function integer(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${n}`);
  return n;
}

/** The two statements of a collection page: the rows and the total behind X-Total-Count. */
export function listStatements(def: ResourceDef, extra: SQL[], query: ListQuery): { page: SQL; count: SQL } {
  const where = listConditions(def, extra, query);
  const order = compileSort(def.fields, query.sort, query.orderBy);
  const table = sql.identifier(def.tableName);
  // Limit and offset are written into the text: a prepared statement's generic plan cannot see a
  // parameter's value and planned every page as if it were a short first one (tier M: 33–42 ms instead
  // of 1.5–10 ms). They are validated integers, never client text.
  const limit = sql.raw(String(integer(query.limit)));
  const offset = sql.raw(String(integer(query.offset)));
  const plan = valueDependent(def.fields, query) ? planEveryTime : (statement: SQL) => statement;
  return {
    // The page's keys first, then the select list for those rows only: computed fields (roles, agents)
    // are not evaluated for the rows an offset skips.
    page: plan(
      sql`select ${selectList(def)} from ${table} t where t.sourced_id in (select t.sourced_id from ${table} t where ${where} order by ${order} limit ${limit} offset ${offset}) order by ${order}`,
    ),
    count: plan(sql`select count(*)::int as total from ${table} t where ${where}`),
  };
}

export async function listRows(db: Executor, def: ResourceDef, extra: SQL[], query: ListQuery, totals?: ListTotals) {
  const statements = listStatements(def, extra, query);
  const page = await rows<Record<string, unknown>>(db, statements.page);
  // A page that is not full (and not past the end) already tells the total: count only when it cannot.
  if (page.length < query.limit && (page.length > 0 || query.offset === 0)) return { rows: page, total: query.offset + page.length };
  const count = async () => (await firstRow<{ total: number }>(db, statements.count))?.total ?? 0;
  if (!totals) return { rows: page, total: await count() };
  const key = dialect.sqlToQuery(statements.count);
  return { rows: page, total: await totals.total(`${key.sql}\u0000${JSON.stringify(key.params)}`, count) };
}

function recordConditions(def: ResourceDef, sourcedId: string, extra: SQL[], includeDeleted: boolean): SQL {
  const conditions = [sql`t.sourced_id = ${sourcedId}`, ...(includeDeleted ? [] : [sql`t.status <> 'tobedeleted'`]), ...extra];
  if (def.scope) conditions.push(def.scope);
  return sql.join(conditions, sql` and `);
}

/** The statement reading one active record of the view. */
export function getStatement(def: ResourceDef, sourcedId: string, extra: SQL[] = [], includeDeleted = false): SQL {
  return sql`select ${selectList(def)} from ${sql.identifier(def.tableName)} t where ${recordConditions(def, sourcedId, extra, includeDeleted)}`;
}

/** Whether the view holds an active record (a nested collection's parent): no select list to build. */
export async function recordExists(db: Executor, def: ResourceDef, sourcedId: string, extra: SQL[] = []): Promise<boolean> {
  return (await rows(db, sql`select 1 from ${sql.identifier(def.tableName)} t where ${recordConditions(def, sourcedId, extra, false)}`)).length > 0;
}

/** One active record of the view, or undefined. */
export async function getRow(db: Executor, def: ResourceDef, sourcedId: string, extra: SQL[] = [], includeDeleted = false) {
  return firstRow<Record<string, unknown>>(db, getStatement(def, sourcedId, extra, includeDeleted));
}

export async function requireRow(db: Executor, def: ResourceDef, sourcedId: string) {
  const row = await getRow(db, def, sourcedId);
  if (!row) throw notFound(def.entity);
  return row;
}

// ---------------------------------------------------------------- writing

/** The JSON schema of one object in a POST/PUT (`partial` for PATCH) body. */
export function inputSchema(def: ResourceDef, partial = false, suppliedElsewhere: string[] = []): TObject {
  const properties: Record<string, TSchema> = {};
  const isRequired = (name: string, field: Field) => !!field.required && !partial && !suppliedElsewhere.includes(name);
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.readOnly) continue;
    // An aliased field may be given under either name, so neither is required by the schema.
    const aliased = Object.values(def.inputAliases ?? {}).includes(name);
    const { input } = fieldSchemas(field);
    properties[name] = isRequired(name, field) && !aliased ? input : Type.Optional(input);
  }
  for (const [alias, target] of Object.entries(def.inputAliases ?? {})) properties[alias] = Type.Optional(fieldSchemas(def.fields[target]).input);
  return Type.Object(properties, { additionalProperties: true });
}

/** The JSON schema of one object on output (every field optional: `fields` may drop any). */
export function outputSchema(def: ResourceDef): TObject {
  const properties: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.writeOnly) continue;
    properties[name] = Type.Optional(fieldSchemas(field).output);
  }
  return Type.Object(properties, { title: def.entity });
}

function toColumn(field: Field, value: unknown): unknown {
  if (value === null || value === undefined) return field.kind === 'textArray' || field.kind === 'refArray' ? [] : null;
  switch (field.kind) {
    case 'boolean':
      return value === true || value === 'true';
    case 'ref':
      return (value as { sourcedId: string }).sourcedId;
    case 'refArray':
      return (value as { sourcedId: string }[]).map((r) => r.sourcedId);
    default:
      return value;
  }
}

/** Deep-merges a metadata patch into the stored value (objects merge; anything else replaces). */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks every reference of every input in one statement (a bulk POST's rows included); the first
 * missing one → 422 naming the field, within its row when `rowName` names rows.
 */
export async function checkReferences(
  tx: Executor,
  def: ResourceDef,
  inputs: Record<string, unknown>[],
  rowName: (index: number) => string = () => '',
): Promise<void> {
  const checks: { name: string; field: Field; target: RefTarget; ids: Set<string> }[] = [];
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.readOnly || !field.ref) continue;
    const ids = new Set(inputs.flatMap((input) => referencedIds(field, input[name])));
    if (ids.size > 0) checks.push({ name, field, target: refTarget(field.ref), ids });
  }
  if (checks.length === 0) return;
  // One round trip for all of the references (a result has four), each branch tagged by its position.
  const found = await rows<{ ref_index: number; sourced_id: string }>(
    tx,
    sql.join(
      checks.map(
        ({ target, ids }, i) =>
          sql`(select ${i}::int as ref_index, t.sourced_id from ${sql.identifier(target.table)} t where ${existsCondition(target, [...ids])})`,
      ),
      sql` union all `,
    ),
  );
  const present = checks.map((_, i) => new Set(found.filter((r) => r.ref_index === i).map((r) => r.sourced_id)));
  inputs.forEach((input, row) => {
    const prefix = rowName(row);
    checks.forEach(({ name, field, target }, i) => {
      const ids = referencedIds(field, input[name]);
      const missing = ids.findIndex((id) => !present[i].has(id));
      if (missing < 0) return;
      const fieldName = field.kind === 'refArray' ? `${name}[${missing}]` : name;
      throw missingReference(target, prefix ? `${prefix}.${fieldName}` : fieldName, ids[missing]);
    });
  });
}

function referencedIds(field: Field, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return field.kind === 'ref' ? [(value as { sourcedId: string }).sourcedId] : (value as { sourcedId: string }[]).map((r) => r.sourcedId);
}

function existsCondition(target: RefTarget, ids: string[]): SQL {
  const conditions = [sql`t.sourced_id = any(${sql.param(ids)}::text[])`];
  if (target.where) conditions.push(target.where);
  return sql.join(conditions, sql` and `);
}

/** Index of the first id with no row in the target table (meeting its condition), or -1. */
export async function findMissing(tx: Executor, target: RefTarget, ids: string[]): Promise<number> {
  const found = await rows<{ sourced_id: string }>(tx, sql`select t.sourced_id from ${sql.identifier(target.table)} t where ${existsCondition(target, ids)}`);
  const present = new Set(found.map((r) => r.sourced_id));
  return ids.findIndex((id) => !present.has(id));
}

export function missingReference(target: RefTarget, fieldName: string, id: string) {
  const what = target.whereDescription ? `${target.type} (${target.whereDescription})` : target.type;
  return invalidData(fieldName, `references ${what} '${id}', which does not exist.`);
}

/** 422 naming the field (`terms[1]` for lists) when any id does not exist. */
export async function assertExist(tx: Executor, target: RefTarget, ids: string[], fieldName: string, list = false): Promise<void> {
  const index = await findMissing(tx, target, ids);
  if (index >= 0) throw missingReference(target, list ? `${fieldName}[${index}]` : fieldName, ids[index]);
}

/** Applies input aliases (`org` → `school`) so the rest of the write sees canonical names. */
function canonicalInput(def: ResourceDef, input: Record<string, unknown>): Record<string, unknown> {
  if (!def.inputAliases) return input;
  const out = { ...input };
  for (const [alias, target] of Object.entries(def.inputAliases)) {
    if (out[target] === undefined && out[alias] !== undefined) out[target] = out[alias];
    delete out[alias];
  }
  return out;
}

/** The required fields an input leaves out (checked once names are canonical: a field may arrive under an alias). */
function missingRequired(def: ResourceDef, input: Record<string, unknown>): string[] {
  return Object.entries(def.fields)
    .filter(([name, field]) => field.required && !field.readOnly && (input[name] === undefined || input[name] === null))
    .map(([name]) => name);
}

/** 400 naming the missing fields within `object` (`user.givenName`); a batch names its rows itself (object ''). */
function requiredError(missing: string[], object: string) {
  const paths = missing.map((name) => (object ? `${object}.${name}` : name));
  return badRequest(`${paths.join(', ')} ${paths.length > 1 ? 'are' : 'is'} required.`, paths[0]);
}

/** The input with canonical names; a create or full write must carry every required field. */
function writableInput(def: ResourceDef, rawInput: Record<string, unknown>, mode: WriteContext['mode'], object: string = def.name): Record<string, unknown> {
  const input = canonicalInput(def, rawInput);
  const missing = mode === 'patch' ? [] : missingRequired(def, input);
  if (missing.length > 0) throw requiredError(missing, object);
  return input;
}

/** Column values of a write keyed by column name: every stored field, or (PATCH) those present. */
function columnValues(def: ResourceDef, input: Record<string, unknown>, mode: WriteContext['mode'], existing?: Record<string, unknown>) {
  const columns: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.readOnly || !field.column || field.kind === 'id' || field.kind === 'timestamp') continue;
    if (mode === 'patch' && !(name in input)) continue;
    let value = toColumn(field, input[name]);
    if (field.kind === 'date' && typeof value === 'string') {
      // The pattern lets 2026-02-30 through: check the calendar.
      const utc = toUtcDateTime(value);
      if (utc === undefined) throw invalidData(name, `'${value}' is not a valid date or date-time.`);
      if (field.dateTime) value = utc;
    }
    if (name === 'metadata' && mode === 'patch' && existing) value = deepMerge(existing[field.column], value);
    if (value === null && field.inputDefault !== undefined) value = field.inputDefault;
    columns[field.column] = value;
  }
  return columns;
}

export interface WriteResult {
  sourcedId: string;
  created: boolean;
}

/**
 * Writes one record in the given transaction. `create` refuses an existing sourcedId; `replace` is an
 * upsert (PUT); `patch` changes only the fields present and deep-merges `metadata`.
 */
export async function writeRecord(
  tx: Executor,
  def: ResourceDef,
  rawInput: Record<string, unknown>,
  requestedMode: WriteContext['mode'],
  pathSourcedId?: string,
): Promise<WriteResult> {
  // A PUT without some required fields may still update an existing record (checked below).
  const input = requestedMode === 'replace' ? canonicalInput(def, rawInput) : writableInput(def, rawInput, requestedMode);
  const supplied = typeof input.sourcedId === 'string' ? input.sourcedId : undefined;
  if (pathSourcedId !== undefined && supplied !== undefined && supplied !== pathSourcedId)
    throw invalidData('sourcedId', `'${supplied}' differs from the sourcedId in the URL ('${pathSourcedId}').`);
  const sourcedId = pathSourcedId ?? supplied ?? randomUUID();
  const table = sql.identifier(def.tableName);

  const existing = await firstRow<Record<string, unknown>>(tx, sql`select * from ${table} t where t.sourced_id = ${sourcedId} for update`);
  let mode = requestedMode;
  if (mode === 'replace') {
    // The platform's partial PUT: on an existing record, a body without every required field updates the
    // fields it carries (as PATCH does); a new record needs them all.
    const missing = missingRequired(def, input);
    if (missing.length > 0 && !existing) throw requiredError(missing, def.name);
    if (missing.length > 0) mode = 'patch';
  }
  if (mode === 'create' && existing) throw invalidData('sourcedId', `a ${def.entity} with sourcedId '${sourcedId}' already exists.`);
  if (requestedMode === 'patch' && (!existing || existing.status === 'tobedeleted')) throw notFound(def.entity);

  const columns = columnValues(def, input, mode, existing);
  const ctx: WriteContext = { mode, sourcedId, existing };
  await checkReferences(tx, def, [input]);
  await prepare(tx, def, [{ input, columns, ctx }]);

  const names = Object.keys(columns);
  // jsonb columns take JSON text, arrays included (node-postgres would send a JS array as a text[] literal).
  const jsonColumns = new Set(
    Object.values(def.fields)
      .filter((field) => field.kind === 'json')
      .map((field) => field.column),
  );
  const values = names.map((c) => {
    const v = columns[c];
    if (v !== null && v !== undefined && jsonColumns.has(c)) return sql`${JSON.stringify(v)}::jsonb`;
    if (Array.isArray(v)) return sql`${sql.param(v)}`;
    if (v !== null && typeof v === 'object') return sql`${JSON.stringify(v)}::jsonb`;
    return sql`${v}`;
  });
  if (existing) {
    const assignments = names.map((c, i) => sql`${sql.identifier(c)} = ${values[i]}`);
    assignments.push(sql`date_last_modified = now()`);
    await tx.execute(sql`update ${table} set ${sql.join(assignments, sql`, `)} where sourced_id = ${sourcedId}`);
  } else {
    const cols = [sql`sourced_id`, ...names.map((c) => sql.identifier(c)), sql`date_last_modified`];
    await tx.execute(sql`insert into ${table} (${sql.join(cols, sql`, `)}) values (${sql.join([sql`${sourcedId}`, ...values, sql`now()`], sql`, `)})`);
  }
  await def.hooks?.afterWrite?.(tx, input, ctx);
  return { sourcedId, created: !existing };
}

/** The failure of one row of a batch, with its fields prefixed by the row (`lineItems[3].class`). */
export function atRow(error: unknown, row: string): unknown {
  if (!(error instanceof ImsxError)) return error;
  const details = error.details.map((d) => ({ field: `${row}.${d.field}`, message: d.message }));
  const description = details.length ? details.map((d) => `${d.field}: ${d.message}`).join('; ') : `${row}: ${error.message}`;
  return new ImsxError(error.statusCode, error.codeMinor, description, details.length ? details : [{ field: row, message: error.message }]);
}

export interface WriteManyOptions {
  /** How errors name a row (default `<plural>[<index>]`). */
  rowName?: (index: number) => string;
}

/**
 * Writes many records of one resource in the caller's transaction, set-based: one lock-and-read of the
 * rows already there, one reference check for the whole batch, the hooks (a resource's `prepareMany`
 * sees the whole batch; `prepare` and `afterWrite` run per row), then one `insert … from unnest(…)`
 * (`on conflict … do update` for `replace`). The same validation and errors as writeRecord, naming
 * the row. `create` refuses sourcedIds that exist or repeat within the batch.
 */
export async function writeMany(
  tx: Executor,
  def: ResourceDef,
  rawInputs: Record<string, unknown>[],
  mode: 'create' | 'replace',
  options: WriteManyOptions = {},
): Promise<WriteResult[]> {
  const rowName = options.rowName ?? ((i: number) => `${def.plural}[${i}]`);
  const inRow = async <T>(index: number, work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw atRow(error, rowName(index));
    }
  };
  const inputs: Record<string, unknown>[] = [];
  // A row's missing field is `results[1].scoreDate`, not `results[1].result.scoreDate`.
  for (const [index, raw] of rawInputs.entries()) inputs.push(await inRow(index, () => writableInput(def, raw, mode, '')));
  const ids = inputs.map((input) => (typeof input.sourcedId === 'string' ? input.sourcedId : randomUUID()));
  const seen = new Map<string, number>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) throw atRow(invalidData('sourcedId', `'${id}' is also the sourcedId of ${rowName(seen.get(id)!)}.`), rowName(index));
    seen.set(id, index);
  }

  const table = sql.identifier(def.tableName);
  const stored = await rows<Record<string, unknown>>(tx, sql`select * from ${table} t where t.sourced_id = any(${sql.param(ids)}::text[]) for update`);
  const existing = new Map(stored.map((row) => [row.sourced_id as string, row]));
  if (mode === 'create') {
    const taken = ids.findIndex((id) => existing.has(id));
    if (taken >= 0) throw atRow(invalidData('sourcedId', `a ${def.entity} with sourcedId '${ids[taken]}' already exists.`), rowName(taken));
  }

  await checkReferences(tx, def, inputs, rowName);
  const batch = inputs.map((input, index) => {
    const ctx: WriteContext = { mode, sourcedId: ids[index], existing: existing.get(ids[index]) };
    return { input, ctx, columns: columnValues(def, input, mode, ctx.existing) };
  });
  await prepare(tx, def, batch, rowName);

  const byName = new Map(Object.values(getTableColumns(def.table)).map((column) => [column.name, column]));
  const names = Object.keys(batch[0]?.columns ?? {});
  const column = (name: string) => byName.get(name) ?? fail(`${def.tableName} has no column ${name}`);
  if (batch.length > 0)
    await tx.execute(
      insertRowsStatement({
        table: def.table,
        columns: [column('sourced_id'), ...names.map(column)],
        rows: batch.map(({ ctx, columns }) => [ctx.sourcedId, ...names.map((name) => columns[name])]),
        constants: [{ column: column('date_last_modified'), value: sql`now()` }],
        upsertOn: mode === 'replace' ? column('sourced_id') : undefined,
      }),
    );
  if (def.hooks?.afterWrite) for (const [index, { input, ctx }] of batch.entries()) await inRow(index, () => def.hooks!.afterWrite!(tx, input, ctx));
  return batch.map(({ ctx }) => ({ sourcedId: ctx.sourcedId, created: !ctx.existing }));
}

type Batch = Parameters<NonNullable<ResourceHooks['prepareMany']>>[1];

/** Runs a resource's prepare hook: the batch form when it has one, else the single form row by row. */
async function prepare(tx: Executor, def: ResourceDef, batch: Batch, rowName?: (index: number) => string): Promise<void> {
  const name = (index: number, error: unknown) => (rowName ? atRow(error, rowName(index)) : error);
  if (def.hooks?.prepareMany) {
    try {
      await def.hooks.prepareMany(tx, batch);
    } catch (error) {
      throw error instanceof RowError ? name(error.index, error.error) : error;
    }
    return;
  }
  for (const [index, { input, columns, ctx }] of batch.entries()) {
    try {
      await def.hooks?.prepare?.(tx, input, columns, ctx);
    } catch (error) {
      throw name(index, error);
    }
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** Thrown by a `prepareMany` hook: the failure of one row of the batch. */
export class RowError extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/** Soft delete: marks the record `tobedeleted` so delta sync sees it; 404 when absent or already deleted. */
export async function softDelete(tx: Executor, def: ResourceDef, sourcedId: string): Promise<void> {
  const conditions = [sql`t.sourced_id = ${sourcedId}`, sql`t.status <> 'tobedeleted'`];
  if (def.scope) conditions.push(def.scope);
  const updated = await rows(
    tx,
    sql`update ${sql.identifier(def.tableName)} t set status = 'tobedeleted', date_last_modified = now() where ${sql.join(conditions, sql` and `)} returning t.sourced_id`,
  );
  if (updated.length === 0) throw notFound(def.entity);
}
