/**
 * Field declarations: one object per API field says how it is stored, selected, written,
 * filtered, sorted and documented. Resources are lists of these.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Predicate } from '../query/filter-parser.js';

export type FieldKind =
  | 'id' // the sourcedId
  | 'text'
  | 'date' // text kept as sent, validated as date or date-time; ISO text orders correctly
  | 'timestamp' // server-managed timestamptz (dateLastModified)
  | 'boolean' // TrueFalse enum: accepts true/"true", answers "true"
  | 'number'
  | 'textArray'
  | 'json'
  | 'ref' // GUIDRef stored as a sourcedId column
  | 'refArray' // list of GUIDRefs stored as text[]
  | 'computed'; // read-only value from a select expression

/** What a reference points at: the GUIDRef `type`, where its href lives, which table must hold it. */
export interface RefTarget {
  type: string;
  /** Path prefix of the referenced object's URL (its service's base path and collection). */
  path: string;
  table: string;
  /** Extra condition (alias `t`) the referenced row must meet (e.g. an org of type school), with its description. */
  where?: SQL;
  whereDescription?: string;
}

/**
 * A reference as declared: the resource it points at, resolved lazily (a resource may reference
 * itself or one declared later), and whether the referenced row must still be active.
 */
export interface RefSpec {
  /** `'self'`: the resource being declared (defineResource fills it in). */
  to: RefTo | 'self';
  active?: boolean;
  /** Cache of the resolved target; the spec object is shared by every copy of the field. */
  resolved?: RefTarget;
}

/** The target of a reference field, with `active` folded into its condition. */
export function refTarget(spec: RefSpec): RefTarget {
  if (!spec.resolved) {
    if (spec.to === 'self') throw new Error('a self-reference is resolved by defineResource');
    const target = spec.to().target;
    spec.resolved = spec.active
      ? {
          ...target,
          where: target.where ? sql`${target.where} and t.status <> 'tobedeleted'` : sql`t.status <> 'tobedeleted'`,
          whereDescription: target.whereDescription ? `${target.whereDescription}, active` : 'active',
        }
      : target;
  }
  return spec.resolved;
}

export type Presenter = (value: unknown, ctx: { baseUrl: string }) => unknown;

export interface Field<T = unknown> {
  kind: FieldKind;
  /** The stored column's SQL name (absent for computed fields). */
  column?: string;
  /** Select expression for computed fields. */
  select?: SQL;
  /** Required in POST/PUT bodies. */
  required?: boolean;
  /** Not accepted on input (server-managed or derived). */
  readOnly?: boolean;
  /** Accepted on input, never sent back (passwords). */
  writeOnly?: boolean;
  /**
   * The JSON schema of the value on input (and on output, unless outSchema is given). Reference
   * fields derive both from their target when they are read (fieldSchemas), since the target may
   * not exist yet when the field is declared.
   */
  schema?: TSchema;
  outSchema?: TSchema;
  ref?: RefSpec;
  /** Allowed values of an enumerated text field; `ext:` terms are accepted when `extensible`. */
  values?: readonly string[];
  extensible?: boolean;
  /** Stored when a create or full replace leaves the field out. */
  inputDefault?: unknown;
  /** Sent as this when the stored value is null (spec-required outputs). */
  outDefault?: unknown;
  /** Custom filter compilation, for fields backed by another table (user roles). */
  filter?: (predicate: Predicate, subPath: string) => SQL;
  /** Whether `sort` accepts the field (default: every stored scalar field). */
  sortable?: boolean;
  /** A date field normalised to a UTC date-time with milliseconds (toUtcDateTime). */
  dateTime?: boolean;
  /** Custom output shape (user roles whose org becomes a GUIDRef); part of the value, so copies keep it. */
  present?: Presenter;
  /** The type of the value as served; only the type checker reads it (typed rows of repo()). */
  readonly served?: T;
}

/** A reference as served. */
export interface GUIDRefValue {
  href: string;
  sourcedId: string;
  type: string;
}

/** The served type of a field. */
export type ValueOf<F> = F extends Field<infer T> ? T : never;

export type Fields = Record<string, Field>;

const EXT_PATTERN = '^ext:[a-zA-Z0-9.\\-_]+$';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';

export const GUIDRef = (type: string) =>
  Type.Object(
    {
      href: Type.Optional(Type.String()),
      sourcedId: Type.String({ minLength: 1 }),
      type: Type.Optional(Type.String({ description: `Always '${type}' on output` })),
    },
    { description: `GUIDRef to a ${type}` },
  );

const GUIDRefOut = (type: string) => Type.Object({ href: Type.String(), sourcedId: Type.String(), type: Type.String({ default: type }) });

/** A stored column as Drizzle declares it: field declarations take the column object, not its name. */
export type Column = Pick<AnyPgColumn, 'name'>;

/** The columns every resource table has (see resourceColumns()). */
export interface ResourceTableColumns {
  sourcedId: Column;
  status: Column;
  dateLastModified: Column;
  metadata: Column;
}

/** What a reference field names: a thunk of the resource it points at (it may be declared later), or `'self'`. */
export type RefTo = () => { target: RefTarget };
export interface RefOptions {
  required?: boolean;
  /** The referenced row must not be `tobedeleted`. */
  active?: boolean;
}

/** Field factories: short declarations for the common shapes. */
export const f = {
  /** The fields every resource has: sourcedId, status, dateLastModified, metadata. */
  common: (t: ResourceTableColumns) => ({
    sourcedId: f.id(t.sourcedId),
    status: f.status(t.status),
    dateLastModified: f.dateLastModified(t.dateLastModified),
    metadata: f.metadata(t.metadata),
  }),
  id: (column: Column): Field<string> => ({ kind: 'id', column: column.name, schema: Type.String({ minLength: 1, maxLength: 255 }) }),
  status: (column: Column): Field<'active' | 'tobedeleted'> => ({
    kind: 'text',
    column: column.name,
    values: ['active', 'tobedeleted'],
    inputDefault: 'active',
    schema: Type.Union([Type.Literal('active'), Type.Literal('tobedeleted')]),
  }),
  dateLastModified: (column: Column): Field<string> => ({
    kind: 'timestamp',
    column: column.name,
    // Clients echo it back; the server always sets its own.
    schema: Type.String(),
    outSchema: Type.String({ format: 'date-time' }),
  }),
  metadata: (column: Column): Field<Record<string, unknown>> => ({
    kind: 'json',
    column: column.name,
    schema: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  }),
  text: (column: Column, opts: { required?: boolean; outDefault?: string; maxLength?: number } = {}): Field<string> => ({
    kind: 'text',
    column: column.name,
    required: opts.required,
    outDefault: opts.outDefault,
    schema: opts.required ? Type.String({ minLength: 1, maxLength: opts.maxLength }) : Type.Union([Type.String({ maxLength: opts.maxLength }), Type.Null()]),
    outSchema: Type.String(),
  }),
  /** An enumerated text; `extensible` vocabularies also take `ext:` terms, as the binding allows. */
  enumeration: (column: Column, values: readonly string[], opts: { required?: boolean; extensible?: boolean } = {}): Field<string> => {
    const literal = Type.Union(values.map((v) => Type.Literal(v)));
    const schema = opts.extensible ? Type.Union([literal, Type.String({ pattern: EXT_PATTERN })]) : literal;
    return {
      kind: 'text',
      column: column.name,
      values,
      extensible: opts.extensible,
      required: opts.required,
      schema: opts.required ? schema : Type.Union([schema, Type.Null()]),
      outSchema: schema,
    };
  },
  /** A date or date-time, kept as supplied. */
  date: (column: Column, opts: { required?: boolean } = {}): Field<string> => ({
    kind: 'date',
    column: column.name,
    required: opts.required,
    schema: opts.required ? Type.String({ pattern: DATE_PATTERN }) : Type.Union([Type.String({ pattern: DATE_PATTERN }), Type.Null()]),
    outSchema: Type.String({ description: 'date (YYYY-MM-DD) or date-time, as supplied' }),
  }),
  /** A date-time: a date or date-time on input, stored and served as UTC with milliseconds (a date is its midnight UTC). */
  dateTime: (column: Column, opts: { required?: boolean } = {}): Field<string> => ({
    ...f.date(column, opts),
    dateTime: true,
    outSchema: Type.String({ format: 'date-time' }),
  }),
  trueFalse: (column: Column, opts: { required?: boolean; inputDefault?: boolean } = {}): Field<'true' | 'false'> => ({
    kind: 'boolean',
    column: column.name,
    required: opts.required,
    inputDefault: opts.inputDefault,
    schema: Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false'), ...(opts.required ? [] : [Type.Null()])]),
    outSchema: Type.Union([Type.Literal('true'), Type.Literal('false')]),
  }),
  number: (column: Column, opts: { required?: boolean; inputDefault?: number } = {}): Field<number> => ({
    kind: 'number',
    column: column.name,
    required: opts.required,
    inputDefault: opts.inputDefault,
    schema: opts.required ? Type.Number() : Type.Union([Type.Number(), Type.Null()]),
    outSchema: Type.Number(),
  }),
  textArray: (column: Column): Field<string[]> => ({ kind: 'textArray', column: column.name, schema: Type.Array(Type.String()), outDefault: [] }),
  json: <S extends TSchema>(column: Column, schema?: S): Field<Static<S>> => ({ kind: 'json', column: column.name, schema: schema ?? Type.Unknown() }),
  ref: (column: Column, to: RefTo | 'self', opts: RefOptions = {}): Field<GUIDRefValue> => ({
    kind: 'ref',
    column: column.name,
    ref: { to, active: opts.active },
    required: opts.required,
  }),
  refArray: (column: Column, to: RefTo | 'self', opts: RefOptions = {}): Field<GUIDRefValue[]> => ({
    kind: 'refArray',
    column: column.name,
    ref: { to, active: opts.active },
    required: opts.required,
    outDefault: [],
  }),
  /** A read-only reference computed by SQL (e.g. an enrollment's course, derived from its class). */
  computedRef: (select: SQL, to: RefTo | 'self'): Field<GUIDRefValue> => ({ kind: 'ref', select, ref: { to }, readOnly: true }),
  /** A read-only list of references computed by SQL (an org's children). */
  computedRefs: (select: SQL, to: RefTo | 'self'): Field<GUIDRefValue[]> => ({ kind: 'refArray', select, ref: { to }, readOnly: true, outDefault: [] }),
  computed: <S extends TSchema>(select: SQL, schema: S, opts: Partial<Field> = {}): Field<Static<S>> => ({
    kind: 'computed',
    select,
    readOnly: true,
    schema,
    ...opts,
  }),
};

/** A field's input and output JSON schemas; a reference's are GUIDRefs of its target's type. */
export function fieldSchemas(field: Field): { input: TSchema; output: TSchema } {
  if (field.ref && !field.schema) {
    const type = refTarget(field.ref).type;
    if (field.kind === 'ref') {
      return { input: field.required ? GUIDRef(type) : Type.Union([GUIDRef(type), Type.Null()]), output: GUIDRefOut(type) };
    }
    return { input: Type.Array(GUIDRef(type), field.required ? { minItems: 1 } : {}), output: Type.Array(GUIDRefOut(type)) };
  }
  if (!field.schema) throw new Error(`a ${field.kind} field needs a schema`);
  return { input: field.schema, output: field.outSchema ?? field.schema };
}

/** The SQL expression that reads a field (column or computed select). */
export function fieldExpression(field: Field, tableAlias = 't'): SQL {
  if (field.select) return field.select;
  return sql.raw(`${tableAlias}.${field.column}`);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `2026-09-10` → `2026-09-10T00:00:00.000Z`; a date-time with an offset → the same instant in UTC;
 * without one it is taken as UTC. Undefined for an impossible date or time (2026-02-30, 24:00).
 */
export function toUtcDateTime(value: string): string | undefined {
  const m = ISO.exec(value);
  if (!m) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0', offset = 'Z'] = m;
  const utc = new Date(Date.UTC(+year, +month - 1, +day, +hour, +minute, +second));
  if (utc.getUTCFullYear() !== +year || utc.getUTCMonth() !== +month - 1 || utc.getUTCDate() !== +day || +hour > 23 || +minute > 59 || +second > 59)
    return undefined;
  const sign = offset === 'Z' ? 0 : offset.startsWith('-') ? -1 : 1;
  const [oh, om] = offset === 'Z' ? [0, 0] : [Number(offset.slice(1, 3)), Number(offset.slice(-2))];
  const millis = utc.getTime() + Math.round(Number(`0.${fraction}`) * 1000) - sign * (oh * 60 + om) * 60_000;
  return new Date(millis).toISOString();
}
