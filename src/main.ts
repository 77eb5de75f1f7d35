/**
 * Command line: serve | migrate | clients create/list/revoke | keys rotate [--purpose jwt|clr] | seed --tier XS|S|M|L [--seed N].
 *   npm start                                   → serve
 *   npm run cli -- clients create --name X --scopes "https://…/roster.readonly …"
 */
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { buildApp } from './app.js';
import { countClients, createClient, ensureClient, listClients, revokeClient } from './platform/auth/clients.js';
import { TokenService } from './platform/auth/tokens.js';
import { rotateSigningKey } from './credentials/signing-keys.js';
import { CLR_KEY_PURPOSE } from './clr/clr.schema.js';
import { scopeCatalog } from './services.js';
import { DEFAULT_SEED, TIERS, isTierName, seedDatabase } from './seed/seed.js';

const ADMIN_SCOPE = scopeCatalog.uri(scopeCatalog.admin!);

async function prepareDatabase(config: Readonly<Config>): Promise<Database> {
  const db = await openDatabase(config);
  await db.migrate();
  return db;
}

/** The configured admin client, or a first one when the database has none. */
async function ensureAdminClient(config: Readonly<Config>, db: Database): Promise<void> {
  if (config.adminClientId && config.adminClientSecret) {
    await ensureClient(db, { clientId: config.adminClientId, secret: config.adminClientSecret, name: 'admin', scopes: [ADMIN_SCOPE] });
    return;
  }
  if ((await countClients(db)) > 0) return;
  const created = await createClient(db, { name: 'admin', scopes: [ADMIN_SCOPE] });
  // Printed once: only the hash is kept.
  process.stdout.write(
    `\nCreated the first admin OAuth client (shown once, store it now):\n  client_id:     ${created.clientId}\n  client_secret: ${created.clientSecret}\n\n`,
  );
}

async function serve(config: Readonly<Config>): Promise<void> {
  const db = await prepareDatabase(config);
  await ensureAdminClient(config, db);
  const { app } = await buildApp(config, db);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
}

async function clients(config: Readonly<Config>, args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, options: { name: { type: 'string' }, scopes: { type: 'string' } }, allowPositionals: true });
  const db = await prepareDatabase(config);
  try {
    if (action === 'create') {
      if (!values.name || !values.scopes) throw new Error('usage: clients create --name NAME --scopes "SCOPE …"');
      const created = await createClient(db, { name: values.name, scopes: values.scopes.split(/\s+/).filter(Boolean) });
      process.stdout.write(`client_id:     ${created.clientId}\nclient_secret: ${created.clientSecret}\n(the secret is shown once; only its hash is stored)\n`);
    } else if (action === 'list') {
      for (const c of await listClients(db)) {
        process.stdout.write(`${c.clientId}\t${c.name}\t${c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : 'active'}\t${c.scopes.join(' ')}\n`);
      }
    } else if (action === 'revoke') {
      const id = positionals[0];
      if (!id) throw new Error('usage: clients revoke CLIENT_ID');
      if (!(await revokeClient(db, id))) throw new Error(`no client ${id}`);
      process.stdout.write(`revoked ${id}\n`);
    } else {
      throw new Error('usage: clients create|list|revoke');
    }
  } finally {
    await db.close();
  }
}

/** Loads a generated district (deterministic for a seed) into the configured database. */
async function seed(config: Readonly<Config>, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { tier: { type: 'string', default: 'S' }, seed: { type: 'string', default: String(DEFAULT_SEED) } } });
  const tier = values.tier!.toUpperCase();
  if (!isTierName(tier)) throw new Error(`usage: seed --tier ${Object.keys(TIERS).join('|')} [--seed N]`);
  const db = await prepareDatabase(config);
  try {
    const stats = await seedDatabase(db, { tier, seed: Number(values.seed) });
    process.stdout.write(`seeded tier ${tier}: ${stats.rows} rows in ${stats.seconds.toFixed(1)}s (${stats.rowsPerSec} rows/s)\n`);
    for (const [table, count] of Object.entries(stats.tables)) process.stdout.write(`  ${table.padEnd(20)} ${count}\n`);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const [command = 'serve', ...args] = argv;
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const db = await prepareDatabase(config);
      await db.close();
      process.stdout.write('migrations applied\n');
      return;
    }
    case 'clients':
      return clients(config, args);
    case 'seed':
      return seed(config, args);
    case 'keys': {
      const { values, positionals } = parseArgs({ args, options: { purpose: { type: 'string', default: 'jwt' } }, allowPositionals: true });
      if (positionals[0] !== 'rotate' || !['jwt', 'clr'].includes(values.purpose!)) throw new Error('usage: keys rotate [--purpose jwt|clr]');
      const db = await prepareDatabase(config);
      const key = values.purpose === 'clr' ? await rotateSigningKey(db, CLR_KEY_PURPOSE) : await new TokenService(db, config, scopeCatalog).rotate();
      const what = values.purpose === 'clr' ? 'CLR credential-signing' : 'token-signing';
      process.stdout.write(`new ${what} key ${key.kid}; earlier keys stay valid for verification\n`);
      await db.close();
      return;
    }
    default:
      throw new Error(`unknown command '${command}' (serve | migrate | clients | keys | seed)`);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
