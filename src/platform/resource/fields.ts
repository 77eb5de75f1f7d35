/**
 * Field declarations: one object per API field says how it is stored, selected, written,
 * filtered, sorted and documented. Resources are lists of these.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
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
  /** Path prefix of the referenced object's URL (`/ims/oneroster/rostering/v1p2/orgs`). */
  path: string;
  table: string;
  /** Extra condition the referenced row must meet (e.g. an org of type school), with its description. */
  where?: SQL;
  whereDescription?: string;
}

export interface Field {
  kind: FieldKind;
  /** The stored column (absent for computed fields). */
  column?: string;
  /** Select expression for computed fields. */
  select?: SQL;
  /** Required in POST/PUT bodies. */
  required?: boolean;
  /** Not accepted on input (server-managed or derived). */
  readOnly?: boolean;
  /** Accepted on input, never sent back (passwords). */
  writeOnly?: boolean;
  /** The JSON schema of the value on input (and on output, unless outSchema is given). */
  schema: TSchema;
  outSchema?: TSchema;
  ref?: RefTarget;
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
}

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

/** Field factories: short declarations for the common shapes. */
export const f = {
  /** The fields every OneRoster object has: sourcedId, status, dateLastModified, metadata. */
  common: () => ({ sourcedId: f.id(), status: f.status(), dateLastModified: f.dateLastModified(), metadata: f.metadata() }),
  id: (): Field => ({ kind: 'id', column: 'sourced_id', schema: Type.String({ minLength: 1, maxLength: 255 }) }),
  status: (): Field => ({
    kind: 'text',
    column: 'status',
    values: ['active', 'tobedeleted'],
    inputDefault: 'active',
    schema: Type.Union([Type.Literal('active'), Type.Literal('tobedeleted')]),
  }),
  dateLastModified: (): Field => ({
    kind: 'timestamp',
    column: 'date_last_modified',
    // Clients echo it back; the server always sets its own.
    schema: Type.String(),
    outSchema: Type.String({ format: 'date-time' }),
  }),
  metadata: (column = 'metadata'): Field => ({ kind: 'json', column, schema: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]) }),
  text: (column: string, opts: { required?: boolean; outDefault?: string; maxLength?: number } = {}): Field => ({
    kind: 'text',
    column,
    required: opts.required,
    outDefault: opts.outDefault,
    schema: opts.required ? Type.String({ minLength: 1, maxLength: opts.maxLength }) : Type.Union([Type.String({ maxLength: opts.maxLength }), Type.Null()]),
    outSchema: Type.String(),
  }),
  /** An enumerated text; `extensible` vocabularies also take `ext:` terms, as the binding allows. */
  enumeration: (column: string, values: readonly string[], opts: { required?: boolean; extensible?: boolean } = {}): Field => {
    const literal = Type.Union(values.map((v) => Type.Literal(v)));
    const schema = opts.extensible ? Type.Union([literal, Type.String({ pattern: EXT_PATTERN })]) : literal;
    return {
      kind: 'text',
      column,
      values,
      extensible: opts.extensible,
      required: opts.required,
      schema: opts.required ? schema : Type.Union([schema, Type.Null()]),
      outSchema: schema,
    };
  },
  date: (column: string, opts: { required?: boolean } = {}): Field => ({
    kind: 'date',
    column,
    required: opts.required,
    schema: opts.required ? Type.String({ pattern: DATE_PATTERN }) : Type.Union([Type.String({ pattern: DATE_PATTERN }), Type.Null()]),
    outSchema: Type.String({ description: 'date (YYYY-MM-DD) or date-time, as supplied' }),
  }),
  trueFalse: (column: string, opts: { required?: boolean; inputDefault?: boolean } = {}): Field => ({
    kind: 'boolean',
    column,
    required: opts.required,
    inputDefault: opts.inputDefault,
    schema: Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false'), ...(opts.required ? [] : [Type.Null()])]),
    outSchema: Type.Union([Type.Literal('true'), Type.Literal('false')]),
  }),
  number: (column: string, opts: { required?: boolean } = {}): Field => ({
    kind: 'number',
    column,
    required: opts.required,
    schema: opts.required ? Type.Number() : Type.Union([Type.Number(), Type.Null()]),
    outSchema: Type.Number(),
  }),
  textArray: (column: string): Field => ({ kind: 'textArray', column, schema: Type.Array(Type.String()), outDefault: [] }),
  json: (column: string, schema: TSchema = Type.Unknown()): Field => ({ kind: 'json', column, schema }),
  ref: (column: string, target: RefTarget, opts: { required?: boolean } = {}): Field => ({
    kind: 'ref',
    column,
    ref: target,
    required: opts.required,
    schema: opts.required ? GUIDRef(target.type) : Type.Union([GUIDRef(target.type), Type.Null()]),
    outSchema: GUIDRefOut(target.type),
  }),
  refArray: (column: string, target: RefTarget, opts: { required?: boolean } = {}): Field => ({
    kind: 'refArray',
    column,
    ref: target,
    required: opts.required,
    outDefault: [],
    schema: Type.Array(GUIDRef(target.type), opts.required ? { minItems: 1 } : {}),
    outSchema: Type.Array(GUIDRefOut(target.type)),
  }),
  /** A read-only reference computed by SQL (e.g. an enrollment's course, derived from its class). */
  computedRef: (select: SQL, target: RefTarget): Field => ({
    kind: 'ref',
    select,
    ref: target,
    readOnly: true,
    schema: GUIDRefOut(target.type),
  }),
  /** A read-only list of references computed by SQL (an org's children). */
  computedRefs: (select: SQL, target: RefTarget): Field => ({
    kind: 'refArray',
    select,
    ref: target,
    readOnly: true,
    outDefault: [],
    schema: Type.Array(GUIDRefOut(target.type)),
  }),
  computed: (select: SQL, schema: TSchema, opts: Partial<Field> = {}): Field => ({ kind: 'computed', select, readOnly: true, schema, ...opts }),
};

/** The SQL expression that reads a field (column or computed select). */
export function fieldExpression(field: Field, tableAlias = 't'): SQL {
  if (field.select) return field.select;
  return sql.raw(`${tableAlias}.${field.column}`);
}
