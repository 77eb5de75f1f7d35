/** The server under test (bench/server.ts), forked with the flags of `npm start`, and how a driver talks to it. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromServer, ServerSettings, ToServer } from './protocol.js';

/** The forked server and a way to ask it something and await the answer. */
export class ServerProcess {
  private readonly child: ChildProcess;
  private waiting?: { resolve: (m: FromServer) => void; reject: (e: Error) => void };

  constructor(settings: ServerSettings) {
    this.child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), {
      // The flags of `npm start`, plus a heap limit as a production container would set (V8 otherwise grows
      // the heap lazily to what the machine allows).
      execArgv: ['--import', 'tsx', '--max-semi-space-size=32', '--max-old-space-size=192'],
      env: { ...process.env, BENCH_SETTINGS: JSON.stringify(settings) },
    });
    this.child.on('message', (message: FromServer) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (message.type === 'failed') waiting?.reject(new Error(`server: ${message.message}`));
      else waiting?.resolve(message);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`server exited (${code})`)));
  }

  next<T extends FromServer['type']>(type: T): Promise<Extract<FromServer, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting = {
        resolve: (m) => (m.type === type ? resolve(m as Extract<FromServer, { type: T }>) : reject(new Error(`expected ${type}, got ${m.type}`))),
        reject,
      };
    });
  }

  ask<T extends FromServer['type']>(message: ToServer, answer: T) {
    const reply = this.next(answer);
    this.child.send(message);
    return reply;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' } satisfies ToServer);
    });
  }
}

/** An access token for an OAuth client, the way a client gets one (client credentials, Basic auth). */
export async function clientToken(base: string, client: { id: string; secret: string }): Promise<string> {
  const response = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
