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

/** User + system CPU milliseconds of all live `postgres` processes, or null where /proc is absent. */
export function databaseCpuMs(): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const rest = stat.slice(close + 2).split(' ');
    ticks += Number(rest[11]) + Number(rest[12]); // utime, stime (fields 14 and 15 of stat)
  }
  return (ticks * 1000) / ticksPerSecond;
}

export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
