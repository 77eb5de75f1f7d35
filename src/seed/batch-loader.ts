/**
 * Loads generated rows in one transaction, in batches of thousands of rows per statement. Each batch
 * is `insert … select … from unnest($1::text[], $2::text[], …)`: one array parameter per column, so
 * a statement carries any number of rows, parses once, and runs alike on PGlite and PostgreSQL.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../platform/db/database.js';
import type { SeedRow } from './district.generator.js';

export interface LoadStats {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  tables: Record<string, number>;
}

const BATCH_ROWS = 5_000;

/** Text form of a value, cast back to the column's type in SQL. */
function toText(value: unknown, sqlType: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (sqlType.endsWith('[]')) return `{${(value as unknown[]).map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  if (sqlType === 'jsonb' || sqlType === 'json') return JSON.stringify(value);
  return String(value);
}

function insertStatement(table: PgTable, batch: Record<string, unknown>[]): SQL {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const names = columns.map(([, c]) => sql.identifier(c.name));
  const casts = columns.map(([, c], i) => sql`${sql.identifier(`c${i}`)}::${sql.raw(c.getSQLType())}`);
  const arrays = columns.map(([key, c]) => {
    const type = c.getSQLType();
    return sql`${sql.param(batch.map((r) => toText(r[key], type)))}::text[]`;
  });
  const aliases = columns.map((_, i) => sql.identifier(`c${i}`));
  return sql`insert into ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)})
    select ${sql.join(casts, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.join(aliases, sql`, `)})`;
}

/** Streams `source` into the database in one transaction; refreshes planner statistics afterwards. */
export async function loadRows(db: Database, source: Iterable<SeedRow>): Promise<LoadStats> {
  const started = performance.now();
  const tables: Record<string, number> = {};
  const touched = new Set<PgTable>();
  await db.transaction(async (tx: Executor) => {
    const buffers = new Map<PgTable, Record<string, unknown>[]>();
    const flush = async (table: PgTable) => {
      const batch = buffers.get(table);
      if (!batch?.length) return;
      buffers.set(table, []);
      await tx.execute(insertStatement(table, batch));
      const name = getTableName(table);
      tables[name] = (tables[name] ?? 0) + batch.length;
    };
    for (const { table, row } of source) {
      touched.add(table);
      const batch = buffers.get(table) ?? [];
      batch.push(row);
      buffers.set(table, batch);
      if (batch.length >= BATCH_ROWS) await flush(table);
    }
    for (const table of buffers.keys()) await flush(table);
  });
  // Fresh statistics and visibility maps: plans (and index-only counts) as on a settled database.
  for (const table of touched) await db.drizzle.execute(sql`vacuum analyze ${sql.identifier(getTableName(table))}`);
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  return { rows, seconds, rowsPerSec: Math.round(rows / seconds), tables };
}
