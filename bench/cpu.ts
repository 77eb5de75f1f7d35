/**
 * CPU time spent by the processes that share the machine during a measurement: this process (the
 * load generator), the server (asked over IPC) and every PostgreSQL process, read from /proc — so a
 * ratio can be explained by who used the cores, not guessed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface DatabaseCpu {
  /** Backends serving connections: what the statements cost. */
  clients: number;
  /** The postmaster, checkpointer, WAL writer, autovacuum…: WAL flushes of writes, and after a load, its aftermath. */
  background: number;
}

export type DatabaseSnapshot = Map<number, { ms: number; client: boolean }>;

/** CPU milliseconds so far of every live PostgreSQL process, or null where /proc is absent. */
export function databaseSnapshot(): DatabaseSnapshot | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const snapshot: DatabaseSnapshot = new Map();
  for (const pid of pids) {
    let stat: string;
    let title: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const rest = stat.slice(close + 2).split(' ');
    const ms = ((Number(rest[11]) + Number(rest[12])) * 1000) / ticksPerSecond; // utime, stime (fields 14, 15)
    // A backend's process title names its client: "postgres: 15/main: user db 127.0.0.1(53412) idle" or "[local]".
    snapshot.set(Number(pid), { ms, client: /\(\d+\)|\[local\]/.test(title) });
  }
  return snapshot;
}

/**
 * CPU used since `before` by the processes alive now, per process: a pool closing idle connections
 * in between takes their whole history out of a plain sum (and made it negative).
 */
export function databaseCpuSince(before: DatabaseSnapshot | null): DatabaseCpu | null {
  const after = databaseSnapshot();
  if (!before || !after) return null;
  const cpu = { clients: 0, background: 0 };
  for (const [pid, now] of after) {
    const used = now.ms - (before.get(pid)?.ms ?? 0);
    if (now.client) cpu.clients += used;
    else cpu.background += used;
  }
  return cpu;
}

export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
