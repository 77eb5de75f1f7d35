/**
 * Loads generated rows in one transaction, in batches of thousands of rows per statement, through the
 * same set-based insert as the API's bulk writes (insertRowsStatement). The generator's rows are
 * valid by construction, so they skip the per-batch validation and reference checks of writeMany.
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../platform/db/database.js';
import { insertRowsStatement } from '../platform/db/insert-rows.js';
import type { SeedRow } from './district.generator.js';

export interface LoadStats {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  tables: Record<string, number>;
}

const BATCH_ROWS = 5_000;

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
      const columns = Object.entries(getTableColumns(table));
      await tx.execute(insertRowsStatement({ table, columns: columns.map(([, c]) => c), rows: batch.map((row) => columns.map(([key]) => row[key])) }));
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
