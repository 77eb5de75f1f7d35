/**
 * The server under test, in its own process (so its RSS and CPU are its own, not the seeder's or the
 * load generator's): serves the database the driver seeded on loopback, and on the driver's request
 * captures the SQL of one request or replays statements as the ceiling.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { buildApp } from '../src/app.js';
import { GRADEBOOK } from './scenarios.js';
import { replay } from './replay.js';
import type { FromServer, ServerSettings, Statement, ToServer } from './protocol.js';

const send = (message: FromServer) => process.send!(message);
const settings = JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as ServerSettings;

async function main() {
  // The bench passes its own settings; nothing is read from the environment here.
  const config = loadConfig({}, { ...settings, logLevel: 'silent', host: '127.0.0.1', port: 0 });
  const db = await openDatabase(config);
  const { app } = await buildApp(config, db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;

  let captured: Statement[] = [];
  process.on('message', (message: ToServer) => {
    void (async () => {
      switch (message.type) {
        case 'capture':
          captured = [];
          db.onQuery = (text, params) => captured.push({ text, params });
          return send({ type: 'capturing' });
        case 'captured':
          db.onQuery = undefined;
          return send({ type: 'statements', statements: captured });
        case 'replay': {
          const result = await replay(db, settings, message.statements, message.concurrency, message.durationMs);
          return send({ type: 'replayed', ...result });
        }
        case 'usage': {
          const cpu = process.cpuUsage();
          return send({ type: 'usage', rssMb: Math.round(process.memoryUsage().rss / 1048576), cpuMs: (cpu.user + cpu.system) / 1000 });
        }
        case 'stop':
          await app.close();
          await db.close();
          process.exit(0);
      }
    })().catch((error: Error) => send({ type: 'failed', message: error.stack ?? error.message }));
  });
  // Gradebook scenarios run once the gradebook service serves its routes, not merely when its tables exist.
  send({ type: 'ready', port, gradebook: app.hasRoute({ method: 'GET', url: `${GRADEBOOK}/results` }) });
}

main().catch((error: Error) => {
  send({ type: 'failed', message: error.stack ?? error.message });
  process.exit(1);
});
