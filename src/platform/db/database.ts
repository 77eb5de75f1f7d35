/**
 * One PostgreSQL dialect, two engines: PGlite in-process (default, data under `dataDir`) or a
 * PostgreSQL server (`databaseUrl`). Everything above this file sees only `Database`.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** The checked-in migrations (`npm run db:generate` adds one per schema change). */
const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Anything that runs SQL: the database itself or an open transaction. */
export interface Executor {
  execute(query: SQL): PromiseLike<unknown>;
}

export type DrizzleDb = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly drizzle: DrizzleDb;
  /** Runs `fn` in one transaction: it commits when fn resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * Applies, in journal order and in one transaction, each migration of the folder whose journal
   * timestamp (`when`) is newer than the last one this database recorded: a database keeps what it
   * has and gets only what came after. The folder defaults to the checked-in migrations.
   */
  migrate(migrationsFolder?: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Observes every statement (the benchmark uses this to replay the handlers' SQL). */
  onQuery?: (text: string, params: unknown[]) => void;
}

/** Runs a query and returns its rows, typed by the caller. */
export async function rows<T>(executor: Executor, query: SQL): Promise<T[]> {
  // Both drivers (node-postgres and PGlite) answer with `{ rows }`.
  const result = (await executor.execute(query)) as { rows: T[] };
  return result.rows;
}

export async function firstRow<T>(executor: Executor, query: SQL): Promise<T | undefined> {
  return (await rows<T>(executor, query))[0];
}

/**
 * PostgreSQL-server-only statements, run after the migrations: the pg_trgm extension (created in
 * `public`, so every working schema sees it) and the trigram indexes behind `~` and `search`.
 * PGlite's packaged pg_trgm does not load, so the embedded mode runs without them (same results,
 * sequential scans). Every statement is idempotent.
 */
const postgresOnlySql = fileURLToPath(new URL('./postgres-only.sql', import.meta.url));

const PLAN_EVERY_TIME = '/* plan every time */ ';

/**
 * Marks a statement whose best plan depends on its parameter values (a client's filter): it is never
 * prepared by name, so PostgreSQL plans it for the values of each execution instead of settling on a
 * generic plan (measured: 29 ms instead of 2.8 ms for `dateLastModified>'…'` on tier M).
 */
export function planEveryTime(statement: SQL): SQL {
  return sql`${sql.raw(PLAN_EVERY_TIME)}${statement}`;
}

/** Named statements one connection may hold: filters are built from client input, so their texts are not a fixed set. */
const PREPARED_PER_CONNECTION = 500;

const statementNames = new Map<string, string>();

/** A name derived from the text, so every connection and process names a statement alike; hashed once per text. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `ls_${createHash('sha1').update(text).digest('base64url')}`;
    if (statementNames.size >= 10 * PREPARED_PER_CONNECTION) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Makes a node-postgres client run each parameterised statement as a named, server-side prepared
 * statement (as JDBC does by default): PostgreSQL then parses it once per connection and, after a few
 * executions, may reuse a generic plan. Planning a list page's select (correlated subqueries, a table
 * with a dozen indexes) cost about as much as executing it (EXPLAIN on tier M: 0.9 ms of 2.7 ms for a
 * /users page, 0.46 of 0.6 ms for /users/{id}). Multi-statement texts (migrations) stay unnamed.
 */
export function prepareStatements(client: pg.PoolClient | pg.Client, limit = PREPARED_PER_CONNECTION): void {
  const names = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
    // Drizzle passes a config object; `query(text, values)` is the other form with parameters.
    const named = typeof config === 'string' ? (Array.isArray(rest[0]) ? { text: config } : undefined) : (config as { text?: unknown; name?: string } | null);
    const text = named?.text;
    if (named && !named.name && typeof text === 'string' && !text.includes(';') && !text.startsWith(PLAN_EVERY_TIME)) {
      const name = statementName(text);
      if (names.has(name) || names.size < limit) {
        names.add(name);
        return query({ ...named, name }, ...rest);
      }
    }
    return query(config, ...rest);
  };
}

/** What opening a database needs; the application's config provides it. */
export interface DatabaseOptions {
  /** postgres://… → that PostgreSQL server; absent → PGlite under `dataDir`. */
  readonly databaseUrl?: string;
  /** Schema to work in on the server (created when missing). */
  readonly databaseSchema?: string;
  /** PGlite data directory; 'memory://' keeps everything in memory. */
  readonly dataDir: string;
  /** Named prepared statements on a server; default true. */
  readonly databasePreparedStatements?: boolean;
}

// A fixed key: every process creating its schema or migrating the same database waits for the first one.
const MIGRATION_LOCK = 7_241_001;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db: { onQuery?: Database['onQuery'] } = {};
  const logger = { logQuery: (text: string, params: unknown[]) => db.onQuery?.(text, params) };

  if (!options.databaseUrl) {
    const memory = options.dataDir.startsWith('memory://');
    if (!memory) mkdirSync(options.dataDir, { recursive: true });
    const client = new PGlite(memory ? undefined : options.dataDir);
    const orm = drizzlePglite(client, { logger }) as unknown as DrizzleDb;
    return Object.assign(db, {
      kind: 'pglite' as const,
      drizzle: orm,
      transaction: <T>(fn: (tx: Executor) => Promise<T>) => orm.transaction((tx) => fn(tx)),
      migrate: (migrationsFolder = MIGRATIONS) => migratePglite(orm as never, { migrationsFolder }),
      ping: async () => {
        await orm.execute(sql`select 1`);
      },
      close: () => client.close(),
    });
  }

  const schema = options.databaseSchema;
  if (schema) {
    // The schema must exist before a pool whose search_path names it is used. Under the lock, as
    // `if not exists` alone still fails a second process creating it at the same moment.
    const setup = new pg.Client({ connectionString: options.databaseUrl });
    await setup.connect();
    try {
      await setup.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await setup.query(`create schema if not exists "${schema}"`);
    } finally {
      // Ending the session releases its lock.
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 20,
    // Extensions live in public, so keep it on the path after the working schema.
    options: schema ? `-c search_path=${schema},public` : undefined,
  });
  if (options.databasePreparedStatements !== false) pool.on('connect', (client) => prepareStatements(client));
  const orm = drizzlePg(pool, { logger }) as unknown as DrizzleDb;
  return Object.assign(db, {
    kind: 'postgres' as const,
    drizzle: orm,
    transaction: <T>(fn: (tx: Executor) => Promise<T>) => orm.transaction((tx) => fn(tx)),
    migrate: async (migrationsFolder = MIGRATIONS) => {
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(orm as never, { migrationsFolder, migrationsSchema: schema ?? 'drizzle' });
        await lock.query(readFileSync(postgresOnlySql, 'utf8'));
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        lock.release();
      }
    },
    ping: async () => {
      await orm.execute(sql`select 1`);
    },
    close: () => pool.end(),
  });
}
