import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system, ms) of this process and of each of its child processes, by name. */
export type CpuTimes = Record<string, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number | string): { comm: string; ppid: number; cpuMs: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { comm, ppid: Number(fields[1]), cpuMs: ticks * TICK_MS };
  } catch {
    return undefined;
  }
}

/**
 * Reads /proc (Linux only; elsewhere: empty): `bot` is this process (the bot and the bench),
 * `database` the FerretDB child (the embedded engine), `slack side` the simulator and load
 * generator; other children by name; `machine` and `machine idle` all cores' busy and idle time.
 */
export function cpuTimes(): CpuTimes {
  const own = stat(process.pid);
  if (!own) return {};
  const times: CpuTimes = { bot: own.cpuMs };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(entry);
    if (!child || child.ppid !== process.pid) continue;
    const name = child.comm.startsWith('ferretdb')
      ? 'database'
      : child.comm.startsWith('node')
        ? 'slack side'
        : child.comm;
    times[name] = (times[name] ?? 0) + child.cpuMs;
  }
  // The whole machine, all cores: what it did besides ours is other sessions' work.
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1);
  if (cpu) {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = cpu.map(Number);
    times.machine =
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) *
      TICK_MS;
    times['machine idle'] = ((idle ?? 0) + (iowait ?? 0)) * TICK_MS;
  }
  return times;
}

/** CPU milliseconds each process spent between two readings, per `per` units of work. */
export function cpuPer(before: CpuTimes, after: CpuTimes, per: number): CpuTimes {
  const result: CpuTimes = {};
  for (const [name, ms] of Object.entries(after)) {
    result[name] = Math.round(((ms - (before[name] ?? 0)) / Math.max(1, per)) * 10) / 10;
  }
  return result;
}
