/** Writes the checked-in artifacts (openapi/, sql/) from the current declarations. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { buildApp } from '../src/app.js';
import { renderArtifacts } from '../src/platform/artifacts.js';

const config = loadConfig({}, { dataDir: 'memory://', logLevel: 'silent' });
const db = await openDatabase(config);
const { app, services } = await buildApp(config, db);
rmSync('sql', { recursive: true, force: true });
rmSync('openapi', { recursive: true, force: true });
for (const [path, content] of renderArtifacts(services)) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
await app.close();
await db.close();
process.stdout.write('artifacts written to openapi/ and sql/\n');
