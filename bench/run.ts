/**
 * `npm run bench [-- --tier S|M|L] [--db postgres|pglite] [--duration 10] [--concurrency 32] [--seed N]`
 *   `--schema NAME`: measure a PostgreSQL schema seeded earlier (`DATABASE_SCHEMA=NAME npm run cli -- seed`),
 *   skipping the load and keeping the schema; `--only TEXT`: the scenarios whose name contains TEXT;
 *   `--prepared false`: server and ceiling without named prepared statements.
 *
 * Seeds a district into a fresh database (a throwaway schema on PostgreSQL), starts the real server in
 * a child process on loopback, and for each scenario measures the API (autocannon, fixed concurrency
 * and duration) and then the ceiling: the SQL that the handler issued, captured from the server and
 * replayed straight against the database at the same concurrency. Prints a table and writes
 * bench/results/<timestamp>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { createClient } from '../src/platform/auth/clients.js';
import { scopeCatalog } from '../src/services.js';
import { TIERS, isTierName, seedDatabase, DEFAULT_SEED, type TierName } from '../src/seed/seed.js';
import { loadFixtures, scenarios, type Scenario } from './scenarios.js';
import type { ServerSettings, Statement } from './protocol.js';
import { ServerProcess, clientToken } from './server-process.js';
import { databaseCpuSince, databaseSnapshot, ownCpuMs } from './cpu.js';

const { values: args } = parseArgs({
  options: {
    tier: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    schema: { type: 'string' },
    only: { type: 'string' },
    prepared: { type: 'string', default: 'true' },
  },
});
const tier = args.tier!.toUpperCase();
if (!isTierName(tier)) throw new Error(`--tier must be one of ${Object.keys(TIERS).join(', ')}`);
if (args.db !== 'postgres' && args.db !== 'pglite') throw new Error('--db must be postgres or pglite');
if (args.db === 'pglite' && 'postgresOnly' in TIERS[tier]) throw new Error(`tier ${tier} needs --db postgres`);
const durationSeconds = Number(args.duration);
const concurrency = Number(args.concurrency);

const databaseUrl = args.db === 'postgres' ? (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : undefined;
const stamp = new Date().toISOString().replace(/[-:.]/g, '').replace('T', '_').slice(0, 15);
if (args.schema && !databaseUrl) throw new Error('--schema needs --db postgres');
const settings: ServerSettings = {
  databaseUrl,
  databaseSchema: databaseUrl ? (args.schema ?? `bench_${stamp.toLowerCase()}`) : undefined,
  databasePreparedStatements: args.prepared !== 'false',
  dataDir: databaseUrl ? 'memory://' : mkdtempSync(join(tmpdir(), 'learnstack-bench-')),
};

/** Seeds the database in this process, so the server's memory holds only what serving needs. */
async function prepare() {
  const db = await openDatabase(loadConfig({}, { ...settings, logLevel: 'silent' }));
  try {
    await db.migrate();
    const load = args.schema ? null : await seedDatabase(db, { tier: tier as TierName, seed: Number(args.seed) });
    const created = await createClient(db, { name: 'bench', scopes: [scopeCatalog.uri(scopeCatalog.admin!)] });
    // Write the load's dirty pages out now, not while the first scenarios run (it needs a superuser; without one, skip).
    if (load && db.kind === 'postgres') await db.drizzle.execute(sql`checkpoint`).catch(() => undefined);
    return { load, client: { id: created.clientId, secret: created.clientSecret }, fixtures: await loadFixtures(db) };
  } finally {
    await db.close();
  }
}

interface ScenarioResult {
  name: string;
  kind: 'read' | 'write';
  apiRps: number;
  sqlQps: number | null;
  ratio: number | null;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statements?: number;
  /** CPU milliseconds per successful request, by process: where the cores went during the API run. */
  cpuMsPerRequest: { server: number; loadGenerator: number; database: number | null; databaseBackground: number | null };
  /** CPU milliseconds per replayed statement set: the replaying client and the database. */
  ceilingCpuMsPerQuery?: { replayer: number; database: number | null };
}

async function load(base: string, scenario: Scenario, headers: Record<string, string>, seconds: number) {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: concurrency,
    duration: seconds,
    requests: [
      {
        method: scenario.method,
        path: scenario.path,
        headers: { ...headers, ...scenario.headers },
        body: scenario.body,
        ...(scenario.vary ? { setupRequest: (request) => ({ ...request, ...scenario.vary!(++n) }) } : {}),
      },
    ],
  });
  return {
    requests: result['2xx'],
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function main() {
  const tierInfo = TIERS[tier as keyof typeof TIERS];
  process.stdout.write(
    `Learnstack bench: tier ${tier} (${tierInfo.schools} schools, ${tierInfo.students} students) on ${args.db}, concurrency ${concurrency}, ${durationSeconds}s per scenario\n`,
  );
  let server: ServerProcess | undefined;
  let postgresVersion: string | undefined;
  try {
    const prepared = await prepare();
    const { load: loaded, client, fixtures } = prepared;
    if (loaded)
      process.stdout.write(`loaded ${loaded.rows} rows in ${loaded.seconds.toFixed(1)}s (${loaded.rowsPerSec} rows/s): ${JSON.stringify(loaded.tables)}\n`);
    else process.stdout.write(`measuring schema ${args.schema} as it is (no load)\n`);
    server = new ServerProcess(settings);
    const ready = await server.next('ready');
    if (!ready.gradebook) delete fixtures.gradebook;
    const base = `http://127.0.0.1:${ready.port}`;
    const token = await clientToken(base, client);
    const auth = { authorization: `Bearer ${token}` };

    const results: ScenarioResult[] = [];
    let rssMb = 0;
    for (const scenario of scenarios(fixtures, client).filter((s) => !args.only || s.name.includes(args.only!))) {
      const request = () => fetch(`${base}${scenario.path}`, { method: scenario.method, headers: { ...auth, ...scenario.headers }, body: scenario.body });
      let statements: Statement[] = [];
      if (scenario.kind === 'read') {
        const warm = await request();
        if (warm.status !== 200) throw new Error(`${scenario.name}: ${warm.status} ${await warm.text()}`);
        await server.ask({ type: 'capture' }, 'capturing');
        await (await request()).arrayBuffer();
        statements = (await server.ask({ type: 'captured' }, 'statements')).statements;
      }
      await load(base, scenario, auth, 1); // warm-up
      const before = await cpuNow(server);
      const api = await load(base, scenario, auth, durationSeconds);
      const after = await cpuNow(server);
      const database = databaseCpuSince(before.database);
      rssMb = Math.max(rssMb, after.rssMb);
      let sqlQps: number | null = null;
      let ceilingCpu: ScenarioResult['ceilingCpuMsPerQuery'];
      if (scenario.kind === 'read') {
        const replayed = await server.ask({ type: 'replay', statements, concurrency, durationMs: durationSeconds * 1000 }, 'replayed');
        sqlQps = replayed.sets / replayed.seconds;
        ceilingCpu = {
          replayer: perUnit(replayed.cpuMs.replayer, replayed.sets),
          database: replayed.cpuMs.database === null ? null : perUnit(replayed.cpuMs.database, replayed.sets),
        };
      }
      const row: ScenarioResult = {
        name: scenario.name,
        kind: scenario.kind,
        apiRps: round(api.rps),
        sqlQps: sqlQps === null ? null : round(sqlQps),
        ratio: sqlQps ? round(api.rps / sqlQps, 2) : null,
        p50Ms: api.p50,
        p99Ms: api.p99,
        errors: api.errors,
        ...(scenario.kind === 'read' ? { statements: statements.length } : {}),
        cpuMsPerRequest: {
          server: perUnit(after.server - before.server, api.requests),
          loadGenerator: perUnit(after.loadGenerator - before.loadGenerator, api.requests),
          database: database === null ? null : perUnit(database.clients, api.requests),
          databaseBackground: database === null ? null : perUnit(database.background, api.requests),
        },
        ...(ceilingCpu ? { ceilingCpuMsPerQuery: ceilingCpu } : {}),
      };
      results.push(row);
      printRow(row);
    }

    if (databaseUrl) postgresVersion = await withClient(databaseUrl, async (c) => (await c.query<{ v: string }>('show server_version')).rows[0].v);
    const report = {
      tier,
      db: args.db,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGb: round(totalmem() / 1024 ** 3, 1),
        node: process.version,
        ...(postgresVersion ? { postgres: postgresVersion } : {}),
      },
      concurrency,
      durationSeconds,
      preparedStatements: settings.databasePreparedStatements,
      seed: Number(args.seed),
      ...(loaded ? { loadRows: loaded.rows, loadSeconds: round(loaded.seconds, 1), loadRowsPerSec: loaded.rowsPerSec } : { schema: args.schema }),
      rssMb,
      scenarios: results,
    };
    process.stdout.write(`server RSS (max under load): ${rssMb} MB${loaded ? `; load ${loaded.rowsPerSec} rows/s` : ''}\n`);
    const dir = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = `${dir}${stamp}.json`;
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
  } finally {
    await server?.stop();
    if (!databaseUrl) rmSync(settings.dataDir, { recursive: true, force: true });
    if (databaseUrl && settings.databaseSchema && !args.schema)
      await withClient(databaseUrl, (c) => c.query(`drop schema if exists "${settings.databaseSchema}" cascade`));
  }
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const perUnit = (ms: number, units: number) => (units > 0 ? round(ms / units, 3) : 0);

/** CPU used so far by the server, this process (the load generator) and PostgreSQL (null on PGlite: it lives in the server). */
async function cpuNow(server: ServerProcess) {
  const usage = await server.ask({ type: 'usage' }, 'usage');
  return { server: usage.cpuMs, rssMb: usage.rssMb, loadGenerator: ownCpuMs(), database: databaseUrl ? databaseSnapshot() : null };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let headerPrinted = false;
function printRow(r: ScenarioResult) {
  const ms = (n: number | null | undefined) => (n === null || n === undefined ? '-' : n.toFixed(2)).padStart(7);
  const cpu = r.cpuMsPerRequest;
  const cols = [
    r.name.padEnd(38),
    String(r.apiRps).padStart(8),
    String(r.sqlQps ?? '-').padStart(8),
    String(r.ratio ?? '-').padStart(6),
    String(r.p50Ms).padStart(6),
    String(r.p99Ms).padStart(6),
    String(r.errors).padStart(7),
    ms(cpu.server),
    ms(cpu.loadGenerator),
    ms(cpu.database),
    ms(r.ceilingCpuMsPerQuery?.replayer),
    ms(r.ceilingCpuMsPerQuery?.database),
  ];
  if (!headerPrinted) {
    process.stdout.write(`${''.padEnd(79)}CPU ms per API request | per SQL set\n`);
    process.stdout.write(
      `${'scenario'.padEnd(38)}${'API r/s'.padStart(8)}${'SQL q/s'.padStart(8)}${'ratio'.padStart(6)}${'p50ms'.padStart(6)}${'p99ms'.padStart(6)}${'errors'.padStart(7)}${'server'.padStart(7)}${'loadgen'.padStart(8)}${'db'.padStart(6)}${'replay'.padStart(8)}${'db'.padStart(6)}\n`,
    );
    headerPrinted = true;
  }
  process.stdout.write(`${cols.join('')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
