/*
 * Beside the list reporter: when a run failed, the last 60 lines of the log of the portal
 * globalSetup started, to see what the backend said without opening the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FullResult, Reporter } from '@playwright/test/reporter';
import { portalLog } from './portal';

export default class PortalLogReporter implements Reporter {
  onEnd(result: FullResult): void {
    if (result.status === 'passed' || process.env.E2E_BASE_URL) return;
    if (!existsSync(portalLog)) return;
    const lines = readFileSync(portalLog, 'utf8').split('\n');
    console.log(`--- last lines of the portal log (${portalLog}) ---`);
    console.log(lines.slice(-60).join('\n'));
  }

  printsToStdio(): boolean {
    return false;
  }
}
