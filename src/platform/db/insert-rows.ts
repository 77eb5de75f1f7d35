/**
 * Many rows in one statement: `insert … select … from unnest($1::text[], $2::text[], …)`, one array
 * parameter per column, each value sent as text and cast back to its column's type. A statement
 * carries any number of rows, parses once, and runs alike on PGlite and PostgreSQL.
 */
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** Text form of a value, cast back to the column's type in SQL. */
function toText(value: unknown, sqlType: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (sqlType.endsWith('[]')) return `{${(value as unknown[]).map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  if (sqlType === 'jsonb' || sqlType === 'json') return JSON.stringify(value);
  return String(value);
}

export interface InsertRows {
  table: PgTable;
  columns: PgColumn[];
  /** One array of values per row, in the order of `columns`. */
  rows: unknown[][];
  /** Columns given the same SQL expression in every row (`date_last_modified = now()`). */
  constants?: { column: PgColumn; value: SQL }[];
  /** An upsert: on a conflict on this column, the other columns take the new row's values. */
  upsertOn?: PgColumn;
}

export function insertRowsStatement({ table, columns, rows, constants = [], upsertOn }: InsertRows): SQL {
  const names = [...columns, ...constants.map((c) => c.column)].map((c) => sql.identifier(c.name));
  const casts = columns.map((c, i) => sql`${sql.identifier(`c${i}`)}::${sql.raw(c.getSQLType())}`);
  const arrays = columns.map((c, i) => {
    const type = c.getSQLType();
    return sql`${sql.param(rows.map((row) => toText(row[i], type)))}::text[]`;
  });
  const aliases = columns.map((_, i) => sql.identifier(`c${i}`));
  const select = sql`select ${sql.join([...casts, ...constants.map((c) => c.value)], sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.join(aliases, sql`, `)})`;
  const insert = sql`insert into ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)}) ${select}`;
  if (!upsertOn) return insert;
  const updated = [...columns, ...constants.map((c) => c.column)].filter((c) => c.name !== upsertOn.name);
  const assignments = updated.map((c) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`);
  return sql`${insert} on conflict (${sql.identifier(upsertOn.name)}) do update set ${sql.join(assignments, sql`, `)}`;
}
