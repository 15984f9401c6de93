import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Debian's promtool (package `prometheus`, 2.42), as the Prometheus module's tests use it;
 * `scripts/setup-prometheus.sh` installs it before `make test`.
 */
export const PROMTOOL_BIN = '/usr/bin/promtool';

/** Fails with the way to install promtool when it is missing: these tests never skip. */
export async function ensurePromtool(): Promise<void> {
  try {
    await access(PROMTOOL_BIN);
  } catch {
    throw new Error(
      `These tests need ${PROMTOOL_BIN} (Debian package 'prometheus'): run scripts/setup-prometheus.sh, or sudo apt-get install -y --no-install-recommends prometheus`,
    );
  }
}

/** Runs promtool; resolves with its exit code and output, never rejects on a non-zero exit. */
export async function promtool(
  args: string[],
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(PROMTOOL_BIN, args, {
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return {
      code: err.code,
      output: `${err.stdout ?? ''}${err.stderr ?? ''}`,
    };
  }
}

/**
 * Counter samples in promtool's expanding notation (`a+bxn` = a, a+b, …, a+n·b), one run
 * per stretch of equal increments, so days of per-minute samples stay a short string.
 */
export function expandingNotation(values: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i + 1;
    const step = j < values.length ? values[j] - values[i] : 0;
    while (j + 1 < values.length && values[j + 1] - values[j] === step) j++;
    if (j >= values.length) {
      parts.push(String(values[i]));
      break;
    }
    parts.push(`${values[i]}+${step}x${j - i}`);
    i = j + 1;
  }
  return parts.join(' ');
}
