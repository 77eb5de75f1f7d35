/**
 * Compiles the parsed query grammar against a resource's field declarations into parameterised SQL.
 * Values only ever travel as parameters; identifiers come from declarations, never from the request.
 */
import { sql, type SQL } from 'drizzle-orm';
import { CodeMinor, ImsxError, badRequest } from '../errors.js';
import { fieldExpression, type Field, type Fields } from '../resource/fields.js';
import type { FilterAst, Predicate } from './filter-parser.js';

export interface ResolvedField {
  name: string;
  field: Field;
  /** For json fields: the path inside the document; for custom filters: the rest of the dotted name. */
  subPath: string[];
}

const unknownField = (name: string, where: 'filter' | 'sort') =>
  where === 'filter'
    ? new ImsxError(400, CodeMinor.invalidFilterField, `Unknown filter field '${name}'.`, [{ field: name, message: 'not a filterable field' }])
    : new ImsxError(400, CodeMinor.invalidData, `Unknown sort field '${name}'.`, [{ field: 'sort', message: `'${name}' is not a sortable field` }]);

const DOTTED_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Finds the declaration a dotted name refers to: `title`, `metadata.subject`, `course.sourcedId`,
 * the alias `courseSourcedId`, or a sub-path a custom filter understands (`roles.role`).
 */
export function resolveField(fields: Fields, name: string, where: 'filter' | 'sort'): ResolvedField {
  // Names become jsonb path literals: only dotted identifiers (as the filter grammar reads them).
  if (!DOTTED_NAME.test(name)) throw unknownField(name, where);
  const [head, ...rest] = name.split('.');
  // Own properties only: `__proto__`, `constructor` or `toString` must be unknown fields, not Object's.
  const field = Object.hasOwn(fields, head) ? fields[head] : undefined;
  // A write-only field (a password) must not be probed through filters or sort order.
  if (field && !field.writeOnly) {
    if (rest.length === 0) return { name, field, subPath: [] };
    if (field.kind === 'json') return { name, field, subPath: rest };
    if ((field.kind === 'ref' || field.kind === 'refArray') && rest.length === 1 && rest[0] === 'sourcedId') return { name, field, subPath: [] };
    if (field.filter && where === 'filter') return { name, field, subPath: rest };
    throw unknownField(name, where);
  }
  const alias = /^(.+)SourcedId$/.exec(name);
  if (alias && rest.length === 0) {
    const target = Object.hasOwn(fields, alias[1]) ? fields[alias[1]] : undefined;
    if (target && (target.kind === 'ref' || target.kind === 'refArray')) return { name, field: target, subPath: [] };
  }
  throw unknownField(name, where);
}

/** `~` means "contains": escape LIKE's own wildcards so a value is matched literally. */
function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const COMPARATORS: Record<string, string> = { '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function listValues(value: string): string[] {
  return value.split(',').map((v) => v.trim());
}

/** Case-insensitive text comparison, the grammar's default for strings. */
export function compileText(expr: SQL, p: Predicate): SQL {
  const lowered = sql`lower(${expr})`;
  switch (p.op) {
    case '~':
      return sql`${expr} ilike ${likePattern(p.value)}`;
    case '@':
      return sql`${lowered} = any(${sql.param(listValues(p.value).map((v) => v.toLowerCase()))}::text[])`;
    case '!=':
      return sql`(${expr} is null or ${lowered} <> ${p.value.toLowerCase()})`;
    default:
      return sql`${lowered} ${sql.raw(COMPARATORS[p.op])} ${p.value.toLowerCase()}`;
  }
}

/** sourcedIds are opaque identifiers: compared exactly, so the primary key and the reference indexes serve the filter. */
export function compileIdentifier(expr: SQL, p: Predicate): SQL {
  switch (p.op) {
    case '~':
      return sql`${expr} ilike ${likePattern(p.value)}`;
    case '@':
      return sql`${expr} = any(${sql.param(listValues(p.value))}::text[])`;
    case '!=':
      return sql`(${expr} is null or ${expr} <> ${p.value})`;
    default:
      return sql`${expr} ${sql.raw(COMPARATORS[p.op])} ${p.value}`;
  }
}

function compileTimestamp(expr: SQL, p: Predicate, name: string): SQL {
  if (p.op === '~') return sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') like ${likePattern(p.value)}`;
  const values = p.op === '@' ? listValues(p.value) : [p.value];
  for (const v of values) if (!TIMESTAMP.test(v)) throw badRequest(`'${v}' is not a date or date-time (filter on ${name}).`, name);
  if (p.op === '@') return sql`${expr} = any(${sql.param(values)}::timestamptz[])`;
  return sql`${expr} ${sql.raw(COMPARATORS[p.op])} ${p.value}::timestamptz`;
}

function compileBoolean(expr: SQL, p: Predicate, name: string): SQL {
  const value = p.value.toLowerCase();
  if (value !== 'true' && value !== 'false') throw badRequest(`'${p.value}' is not true or false (filter on ${name}).`, name);
  if (p.op === '=') return sql`${expr} = ${value === 'true'}`;
  if (p.op === '!=') return sql`${expr} is distinct from ${value === 'true'}`;
  throw badRequest(`Operator ${p.op} does not apply to the boolean field ${name}.`, name);
}

function compileNumber(expr: SQL, p: Predicate, name: string): SQL {
  const values = p.op === '@' ? listValues(p.value) : [p.value];
  for (const v of values) if (!NUMBER.test(v)) throw badRequest(`'${v}' is not a number (filter on ${name}).`, name);
  if (p.op === '~') return sql`${expr}::text like ${likePattern(p.value)}`;
  if (p.op === '@') return sql`${expr} = any(${sql.param(values.map(Number))}::float8[])`;
  // As on every other kind of field, a missing value is not equal (an unscored result is not 95).
  if (p.op === '!=') return sql`(${expr} is null or ${expr} <> ${Number(p.value)})`;
  return sql`${expr} ${sql.raw(COMPARATORS[p.op])} ${Number(p.value)}`;
}

/**
 * Multi-valued fields: `=` matches the whole set (order-free), `~` any member containing the value,
 * `@` any member in the list; `!=` is the negation of `=`. Text members compare case-insensitively;
 * references (`exact`) are sourcedIds and compare exactly, so a GIN index on the column serves `=` and `@`.
 */
function compileArray(expr: SQL, p: Predicate, name: string, exact: boolean): SQL {
  const values = exact ? listValues(p.value) : listValues(p.value).map((v) => v.toLowerCase());
  const members = exact ? expr : sql`array(select lower(m) from unnest(${expr}) as m)`;
  switch (p.op) {
    case '=':
      return sql`(${members} @> ${sql.param(values)}::text[] and ${members} <@ ${sql.param(values)}::text[])`;
    case '!=':
      return sql`not (${members} @> ${sql.param(values)}::text[] and ${members} <@ ${sql.param(values)}::text[])`;
    case '~':
      return sql`exists (select 1 from unnest(${expr}) as m where m ilike ${likePattern(p.value)})`;
    case '@':
      return sql`${members} && ${sql.param(values)}::text[]`;
    default:
      throw badRequest(`Operator ${p.op} does not apply to the multi-valued field ${name}.`, name);
  }
}

/** The text at a jsonb path. Keys are quoted in the text[] literal: an unquoted `null` would be a NULL element. */
function jsonText(expr: SQL, path: string[]): SQL {
  return sql`(${expr} #>> ${`{${path.map((k) => `"${k}"`).join(',')}}`}::text[])`;
}

/** Dot-notation into jsonb: compares the text at the path; numeric ranges compare as numbers. */
function compileJson(expr: SQL, p: Predicate, path: string[]): SQL {
  if (path.length === 0) throw new ImsxError(400, CodeMinor.invalidFilterField, `Filter on '${p.field}' needs a key (e.g. ${p.field}.subject).`);
  const at = jsonText(expr, path);
  const ranged = p.op === '>' || p.op === '>=' || p.op === '<' || p.op === '<=';
  if (ranged && NUMBER.test(p.value)) {
    const numeric = sql`(case when ${at} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${at}::numeric end)`;
    return sql`${numeric} ${sql.raw(COMPARATORS[p.op])} ${p.value}::numeric`;
  }
  return compileText(at, p);
}

export function compilePredicate(fields: Fields, p: Predicate): SQL {
  const { field, subPath, name } = resolveField(fields, p.field, 'filter');
  if (field.filter && subPath.length > 0) return field.filter(p, subPath.join('.'));
  const expr = fieldExpression(field);
  switch (field.kind) {
    case 'json':
      return compileJson(expr, p, subPath);
    case 'timestamp':
      return compileTimestamp(expr, p, name);
    case 'boolean':
      return compileBoolean(expr, p, name);
    case 'number':
      return compileNumber(expr, p, name);
    case 'textArray':
    case 'refArray':
      return compileArray(expr, p, name, field.kind === 'refArray');
    default:
      if (field.filter) return field.filter(p, '');
      if (field.kind === 'id' || field.kind === 'ref') return compileIdentifier(expr, p);
      return compileText(expr, p);
  }
}

export function compileFilter(fields: Fields, ast: FilterAst): SQL {
  const disjuncts = ast.map((conjunction) =>
    sql.join(
      conjunction.map((p) => sql`(${compilePredicate(fields, p)})`),
      sql` and `,
    ),
  );
  return sql`(${sql.join(
    disjuncts.map((d) => sql`(${d})`),
    sql` or `,
  )})`;
}

/** `sort` + `orderBy`, with the sourcedId tiebreak that keeps pages from overlapping. */
export function compileSort(fields: Fields, sort: string | undefined, orderBy: string | undefined): SQL {
  let direction = 'asc';
  if (orderBy !== undefined) {
    const normalised = orderBy.toLowerCase();
    if (normalised !== 'asc' && normalised !== 'desc') throw badRequest(`orderBy must be asc or desc, not '${orderBy}'.`, 'orderBy');
    direction = normalised;
  }
  if (!sort) return sql.raw(`t.sourced_id ${direction}`);
  const { field, subPath } = resolveField(fields, sort, 'sort');
  if (field.sortable === false || field.kind === 'refArray' || (field.kind === 'computed' && !field.sortable)) throw unknownField(sort, 'sort');
  const expr = field.kind === 'json' ? jsonText(fieldExpression(field), subPath) : fieldExpression(field);
  const nulls = direction === 'asc' ? 'nulls last' : 'nulls first';
  return sql`${expr} ${sql.raw(`${direction} ${nulls}`)}, ${sql.raw(`t.sourced_id ${direction}`)}`;
}

/** `search`: an OR of case-insensitive "contains" over the resource's search fields. */
export function compileSearch(fields: Fields, searchFields: readonly string[], term: string): SQL {
  const pattern = likePattern(term.trim());
  const parts = searchFields.map((name) => sql`${fieldExpression(fields[name])} ilike ${pattern}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}
