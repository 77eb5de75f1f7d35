/**
 * The ceiling: the statements a handler issued, replayed straight against the database at the same
 * concurrency for the same time. One pass over a handler's statements counts as one query.
 */
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { prepareStatements, type Database } from '../src/platform/db/database.js';
import type { Statement } from './protocol.js';
import { databaseCpuSince, databaseSnapshot, ownCpuMs } from './cpu.js';

export interface ReplayResult {
  sets: number;
  seconds: number;
  errors: number;
  /** CPU ms of this process (the replaying client) and of PostgreSQL's client backends during the measured loop. */
  cpuMs: { replayer: number; database: number | null };
}

/** Runs `statements` in a loop on `concurrency` workers for `durationMs` after a short warm-up. */
export async function replay(
  db: Database,
  settings: { databaseUrl?: string; databaseSchema?: string; databasePreparedStatements?: boolean },
  statements: Statement[],
  concurrency: number,
  durationMs: number,
): Promise<ReplayResult> {
  let run: () => Promise<void>;
  let close = async () => {};
  if (db.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: settings.databaseUrl,
      max: concurrency,
      options: settings.databaseSchema ? `-c search_path=${settings.databaseSchema},public` : undefined,
    });
    // Statements run as the server runs them: prepared the same way, when the server prepares them.
    if (settings.databasePreparedStatements !== false) pool.on('connect', (client) => prepareStatements(client));
    run = async () => {
      const client = await pool.connect();
      try {
        for (const s of statements) await client.query(s.text, s.params);
      } finally {
        client.release();
      }
    };
    close = () => pool.end();
  } else {
    // The embedded database is one connection in this process: replay through it directly.
    const client = (db.drizzle as unknown as { $client: PGlite }).$client;
    run = async () => {
      for (const s of statements) await client.query(s.text, s.params);
    };
  }
  try {
    await loop(run, concurrency, Math.min(1000, durationMs / 5));
    // Read before the pool closes: the backends' CPU time leaves /proc with them.
    const database = db.kind === 'postgres' ? databaseSnapshot() : null;
    const replayer = ownCpuMs();
    const measured = await loop(run, concurrency, durationMs);
    return { ...measured, cpuMs: { replayer: ownCpuMs() - replayer, database: databaseCpuSince(database)?.clients ?? null } };
  } finally {
    await close();
  }
}

async function loop(run: () => Promise<void>, concurrency: number, durationMs: number): Promise<Omit<ReplayResult, 'cpuMs'>> {
  const started = performance.now();
  const deadline = started + durationMs;
  let sets = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        await run();
        sets += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sets, seconds: (performance.now() - started) / 1000, errors };
}
