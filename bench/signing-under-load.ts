/**
 * `npx tsx bench/signing-under-load.ts [--db postgres|pglite] [--duration 10] [--readers 16] [--signers 2] [--embedded 50] [--workers N]`
 *
 * Whether the server keeps answering small reads while it signs big CLRs. Seeds tier XS into a fresh
 * database (a throwaway schema on PostgreSQL), starts the real server (bench/server.ts, the flags of
 * `npm start`; `--workers N` sets its SIGNING_WORKERS) and measures, each for --duration seconds over
 * loopback after a warm-up:
 *   1. reads alone: GET users/{id}, autocannon with --readers connections;
 *   2. signing alone: --signers clients, each upserting ClrCredentials back to back (a new id each
 *      time), every one with --embedded already-signed AchievementCredentials;
 *   3. both at once.
 * Prints req/s, p50 and p99 of users/{id}, CLRs signed per second and their p50 latency, and the
 * server's CPU (100 % = one core); writes bench/results/signing-<timestamp>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { createClient } from '../src/platform/auth/clients.js';
import { scopeCatalog } from '../src/services.js';
import { seedDatabase } from '../src/seed/seed.js';
import { generateSigningKey } from '../src/credentials/keys.js';
import { signCredential } from '../src/credentials/sign.js';
import { achievementCredential, clrCredential } from '../test/clr/synthetic.js';
import { loadFixtures } from './scenarios.js';
import type { ServerSettings } from './protocol.js';
import { ServerProcess, clientToken } from './server-process.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '10' },
    readers: { type: 'string', default: '16' },
    signers: { type: 'string', default: '2' },
    embedded: { type: 'string', default: '50' },
    workers: { type: 'string' },
  },
});
if (args.db !== 'postgres' && args.db !== 'pglite') throw new Error('--db must be postgres or pglite');
const seconds = Number(args.duration);
const readers = Number(args.readers);
const signers = Number(args.signers);
const embeddedCount = Number(args.embedded);

const databaseUrl = args.db === 'postgres' ? (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test') : undefined;
const stamp = new Date().toISOString().replace(/[-:.]/g, '').replace('T', '_').slice(0, 15);
const settings: ServerSettings = {
  databaseUrl,
  databaseSchema: databaseUrl ? `bench_signing_${stamp.toLowerCase()}` : undefined,
  dataDir: databaseUrl ? 'memory://' : mkdtempSync(join(tmpdir(), 'learnstack-bench-')),
  ...(args.workers ? { signingWorkers: Number(args.workers) } : {}),
};

const CLR = '/ims/clr/v2p0';
const ROSTER = '/ims/oneroster/rostering/v1p2';

async function prepare() {
  const db = await openDatabase(loadConfig({}, { ...settings, logLevel: 'silent' }));
  try {
    await db.migrate();
    await seedDatabase(db, { tier: 'XS', seed: 1 });
    const created = await createClient(db, { name: 'bench', scopes: [scopeCatalog.uri(scopeCatalog.admin!)] });
    return { client: { id: created.clientId, secret: created.clientSecret }, userId: (await loadFixtures(db)).userId };
  } finally {
    await db.close();
  }
}

/** A ClrCredential as a school would submit it: every embedded credential already signed by the school. */
async function submission(): Promise<Record<string, unknown>> {
  const school = await generateSigningKey();
  const embedded = [];
  for (let i = 0; i < embeddedCount; i++) embedded.push(await signCredential(achievementCredential(i, school.controller, 'did:example:learner'), school));
  return clrCredential('https://school.example', 'did:example:learner', embedded);
}

interface Reads {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function reads(base: string, path: string, headers: Record<string, string>, duration: number): Promise<Reads> {
  const result = await autocannon({ url: base, connections: readers, duration, requests: [{ method: 'GET', path, headers }] });
  return {
    rps: round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

interface Signing {
  perSecond: number;
  p50Ms: number;
  errors: number;
}

let serial = 0;

/** `signers` clients upserting back to back until the window closes; only upserts answered inside it count. */
async function signing(base: string, headers: Record<string, string>, clr: Record<string, unknown>, duration: number): Promise<Signing> {
  const start = performance.now();
  const end = start + duration * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const client = async () => {
    while (performance.now() < end) {
      const id = `urn:uuid:30000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
      const sent = performance.now();
      const response = await fetch(`${base}${CLR}/credentials`, { method: 'POST', headers, body: JSON.stringify({ ...clr, id }) });
      await response.arrayBuffer();
      if (performance.now() > end) break;
      if (response.status === 201) latencies.push(performance.now() - sent);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: signers }, client));
  latencies.sort((a, b) => a - b);
  return { perSecond: round(latencies.length / duration, 2), p50Ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0), errors };
}

/** Runs `measure` and reports the server's CPU over it, in cores (1 = one core busy the whole time). */
async function withServerCpu<T>(server: ServerProcess, measure: () => Promise<T>): Promise<T & { serverCores: number }> {
  const before = await server.ask({ type: 'usage' }, 'usage');
  const started = performance.now();
  const result = await measure();
  const after = await server.ask({ type: 'usage' }, 'usage');
  return { ...result, serverCores: round((after.cpuMs - before.cpuMs) / (performance.now() - started), 2) };
}

async function main() {
  process.stdout.write(
    `signing under load on ${args.db}: ${readers} reader connections, ${signers} signers, ${embeddedCount} embedded credentials, SIGNING_WORKERS=${settings.signingWorkers ?? 'default'}, ${seconds}s per phase\n`,
  );
  // The machine may be shared: what else was running is part of the result.
  const loadAverageAtStart = loadavg().map((l) => round(l, 2));
  let server: ServerProcess | undefined;
  try {
    const { client, userId } = await prepare();
    const clr = await submission();
    server = new ServerProcess(settings);
    const base = `http://127.0.0.1:${(await server.next('ready')).port}`;
    const token = await clientToken(base, client);
    const auth = { authorization: `Bearer ${token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const userPath = `${ROSTER}/users/${encodeURIComponent(userId)}`;

    const check = await fetch(`${base}${CLR}/credentials`, { method: 'POST', headers: json, body: JSON.stringify(clr) });
    if (check.status !== 201) throw new Error(`upsert: ${check.status} ${await check.text()}`);
    await reads(base, userPath, auth, 1);
    await signing(base, json, clr, 2); // warm-up: the signing threads start on first use

    const alone = await withServerCpu(server, () => reads(base, userPath, auth, seconds));
    const signingAlone = await withServerCpu(server, () => signing(base, json, clr, seconds));
    const both = await withServerCpu(server, async () => {
      const [r, s] = await Promise.all([reads(base, userPath, auth, seconds), signing(base, json, clr, seconds)]);
      return { reads: r, signing: s };
    });

    const rows: [string, string, string, string, string, string, string][] = [
      ['phase', 'users/{id} r/s', 'p50 ms', 'p99 ms', 'CLRs/s', 'CLR p50 ms', 'server cores'],
      ['reads alone', String(alone.rps), String(alone.p50Ms), String(alone.p99Ms), '-', '-', String(alone.serverCores)],
      ['signing alone', '-', '-', '-', String(signingAlone.perSecond), String(signingAlone.p50Ms), String(signingAlone.serverCores)],
      [
        'both',
        String(both.reads.rps),
        String(both.reads.p50Ms),
        String(both.reads.p99Ms),
        String(both.signing.perSecond),
        String(both.signing.p50Ms),
        String(both.serverCores),
      ],
    ];
    for (const row of rows)
      process.stdout.write(
        `${row[0].padEnd(15)}${row
          .slice(1)
          .map((c) => c.padStart(15))
          .join('')}\n`,
      );
    const errors = alone.errors + signingAlone.errors + both.reads.errors + both.signing.errors;
    if (errors > 0) process.stdout.write(`errors: ${errors}\n`);

    const dir = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = `${dir}signing-${stamp}.json`;
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAverageAtStart };
    const report = {
      db: args.db,
      readers,
      signers,
      embedded: embeddedCount,
      signingWorkers: settings.signingWorkers ?? 'default',
      seconds,
      machine,
      alone,
      signingAlone,
      both,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
  } finally {
    await server?.stop();
    if (!databaseUrl) rmSync(settings.dataDir, { recursive: true, force: true });
    if (databaseUrl && settings.databaseSchema) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${settings.databaseSchema}" cascade`);
      await client.end();
    }
  }
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
