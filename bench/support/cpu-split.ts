// Splits the machine's CPU over a benchmark phase between the processes that share its cores: the router,
// PostgreSQL (the bench database's backends plus the server's own background processes), the Kafka JVM, this
// benchmark, and everything else. Read from /proc, so it needs no agent inside PostgreSQL or Kafka.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSplit {
  router: number;
  postgres: number;
  kafka: number;
  bench: number;
  /** Every other process on the machine: other engineers' work, the kernel's own threads. */
  other: number;
}

export type CpuComponent = keyof CpuSplit;

interface Snapshot {
  /** CPU seconds per pid, for the processes of each component alive at the time. */
  readonly byPid: Map<number, { component: Exclude<CpuComponent, 'other'>; seconds: number }>;
  readonly machineBusySeconds: number;
}

const TICKS_PER_SECOND = clockTicks();

/**
 * Snapshots the components' CPU. `database` selects the bench's PostgreSQL backends: backends of other
 * databases (other people's tests) go to `other`.
 */
export function snapshotCpu(routerPid: number, database: string): Snapshot {
  const byPid: Snapshot['byPid'] = new Map();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const component = classify(pid, routerPid, database);
    if (!component) continue;
    const seconds = cpuSeconds(pid);
    if (!Number.isNaN(seconds)) byPid.set(pid, { component, seconds });
  }
  return { byPid, machineBusySeconds: machineBusyTicks() / TICKS_PER_SECOND };
}

/** CPU seconds each component used between two snapshots; a process born in between counts from zero. */
export function cpuBetween(before: Snapshot, after: Snapshot): CpuSplit {
  const split: CpuSplit = { router: 0, postgres: 0, kafka: 0, bench: 0, other: 0 };
  for (const [pid, now] of after.byPid) {
    split[now.component] += now.seconds - (before.byPid.get(pid)?.seconds ?? 0);
  }
  const known = split.router + split.postgres + split.kafka + split.bench;
  split.other = Math.max(0, after.machineBusySeconds - before.machineBusySeconds - known);
  return split;
}

/** Milliseconds of CPU per 1,000 records for each component. */
export function perThousand(split: CpuSplit, records: number): CpuSplit {
  const scale = (seconds: number): number => Math.round((seconds * 1e7) / Math.max(1, records)) / 10;
  return {
    router: scale(split.router),
    postgres: scale(split.postgres),
    kafka: scale(split.kafka),
    bench: scale(split.bench),
    other: scale(split.other),
  };
}

function classify(
  pid: number,
  routerPid: number,
  database: string,
): Exclude<CpuComponent, 'other'> | undefined {
  if (pid === routerPid) return 'router';
  if (pid === process.pid) return 'bench';
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
  if (cmdline.startsWith('postgres:') || cmdline.includes('/bin/postgres ')) {
    // A client backend's title is `postgres: <cluster>: <user> <database> <host>(<port>) <state>`; the server's
    // background processes (WAL writer, checkpointer) name no database and serve every one, ours included.
    const backend = /^postgres: \S+: \S+ (\S+) [^ ]*\(\d+\)/.exec(cmdline);
    if (backend) return backend[1] === database ? 'postgres' : undefined;
    if (cmdline.includes('autovacuum worker')) return cmdline.includes(database) ? 'postgres' : undefined;
    return 'postgres';
  }
  if (cmdline.startsWith('java ') && cmdline.includes('kafka')) return 'kafka';
  return undefined;
}

function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function machineBusyTicks(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
