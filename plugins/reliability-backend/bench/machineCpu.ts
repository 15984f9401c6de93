/**
 * How the machine's CPU time went while a benchmark measured: busy, stolen by the
 * hypervisor, idle. On a shared virtual machine the same code measures at very different
 * speeds from one hour to the next (docs/load.md); the stolen share is the part of that the
 * guest can see, printed next to the figures so that a slow run says whether it ran on less
 * CPU.
 */
import { readFileSync } from 'node:fs';

/** Cumulative CPU time of all cores since boot, in clock ticks (`/proc/stat`'s `cpu` line). */
export interface CpuTimes {
  total: number;
  /** Idle and waiting for I/O. */
  idle: number;
  /** Time the hypervisor ran something else while this machine's CPUs were runnable. */
  steal: number;
}

/** Shares of the machine's CPU time over an interval, in percent (they add up to 100). */
export interface CpuShares {
  busy: number;
  steal: number;
  idle: number;
}

/** The `cpu` line of `/proc/stat`: user nice system idle iowait irq softirq steal guest guest_nice. */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = text.split('\n').find(l => /^cpu\s/.test(l));
  if (!line) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const fields = [user, nice, system, idle, iowait, irq, softirq, steal];
  if (fields.some(f => !Number.isFinite(f))) return undefined;
  // guest time is counted in user already (proc(5)).
  return {
    total: fields.reduce((a, b) => a + b, 0),
    idle: idle + iowait,
    steal,
  };
}

/** The machine's CPU times now; undefined where there is no `/proc/stat` (not Linux). */
export function readCpuTimes(): CpuTimes | undefined {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** How the CPU time between two readings went; undefined without both or without time. */
export function cpuShares(
  from: CpuTimes | undefined,
  to: CpuTimes | undefined,
): CpuShares | undefined {
  if (!from || !to) return undefined;
  const total = to.total - from.total;
  if (!(total > 0)) return undefined;
  const steal = (100 * (to.steal - from.steal)) / total;
  const idle = (100 * (to.idle - from.idle)) / total;
  return { busy: 100 - steal - idle, steal, idle };
}

/** As the reports print it: `busy 78 %, stolen 4.1 %, idle 18 %`. */
export function formatCpuShares(shares: CpuShares | undefined): string {
  if (!shares) return 'not measured (no /proc/stat)';
  return `busy ${shares.busy.toFixed(0)} %, stolen ${shares.steal.toFixed(
    1,
  )} %, idle ${shares.idle.toFixed(0)} %`;
}
