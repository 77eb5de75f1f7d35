/** Messages between the benchmark driver (bench/run.ts) and the server process it forks (bench/server.ts). */

export interface Statement {
  text: string;
  params: unknown[];
}

export type ToServer =
  | { type: 'capture' }
  | { type: 'captured' }
  | { type: 'replay'; statements: Statement[]; concurrency: number; durationMs: number }
  | { type: 'usage' }
  | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; port: number; gradebook: boolean }
  | { type: 'capturing' }
  | { type: 'statements'; statements: Statement[] }
  | { type: 'replayed'; sets: number; seconds: number; errors: number; cpuMs: { replayer: number; database: number | null } }
  /** The server process's resident memory and CPU time (user + system) so far. */
  | { type: 'usage'; rssMb: number; cpuMs: number }
  | { type: 'failed'; message: string };

/** Settings the driver hands the server process (as one JSON environment variable). */
export interface ServerSettings {
  databaseUrl?: string;
  databaseSchema?: string;
  databasePreparedStatements?: boolean;
  /** The embedded database's directory (the driver seeds it, then hands it over). */
  dataDir: string;
  /** SIGNING_WORKERS of the server (bench/signing-under-load.ts). */
  signingWorkers?: number;
}
