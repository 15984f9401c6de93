/** The load run and the benchmark report the CPU the machine gave them (bench/machineCpu.ts). Here because Jest runs tests under src/ only. */
import {
  cpuShares,
  formatCpuShares,
  parseProcStat,
} from '../../bench/machineCpu';

const stat = (user: number, idle: number, iowait: number, steal: number) =>
  [
    `cpu  ${user} 0 100 ${idle} ${iowait} 0 10 ${steal} 0 0`,
    `cpu0 1 2 3 4 5 6 7 8 0 0`,
    `intr 12345 0 0`,
  ].join('\n');

describe('machineCpu', () => {
  it('reads the all-cores line of /proc/stat: idle with I/O wait, steal apart', () => {
    expect(parseProcStat(stat(1000, 5000, 200, 300))).toEqual({
      total: 1000 + 100 + 5000 + 200 + 10 + 300,
      idle: 5200,
      steal: 300,
    });
    expect(parseProcStat('intr 1 2 3')).toBeUndefined();
    expect(parseProcStat('cpu  1 2 x 4 5 6 7 8')).toBeUndefined();
  });

  it('shares an interval between busy, stolen and idle', () => {
    const from = parseProcStat(stat(1000, 5000, 0, 100));
    // 600 ticks busy (user), 300 idle, 100 stolen.
    const to = parseProcStat(stat(1600, 5300, 0, 200));
    expect(cpuShares(from, to)).toEqual({ busy: 60, steal: 10, idle: 30 });
    expect(formatCpuShares(cpuShares(from, to))).toBe(
      'busy 60 %, stolen 10.0 %, idle 30 %',
    );
  });

  it('says when it could not measure', () => {
    const at = parseProcStat(stat(1000, 5000, 0, 100));
    expect(cpuShares(undefined, at)).toBeUndefined();
    expect(cpuShares(at, at)).toBeUndefined();
    expect(formatCpuShares(undefined)).toBe('not measured (no /proc/stat)');
  });
});
