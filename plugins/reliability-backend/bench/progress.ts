import { peakSinceLastStep } from './memory';

const mb = (bytes: number) => Math.round(bytes / 1048576);

/**
 * Progress goes to stderr, so stdout carries only the report. Each line has the resident
 * memory now and its peak since the previous line: the peak of the step that just ended,
 * which tells which scenario set the run's peak.
 */
export const progress = (message: string) => {
  const peak = peakSinceLastStep();
  process.stderr.write(
    `[bench] ${message} (rss ${mb(process.memoryUsage().rss)} MB${
      peak === undefined ? '' : `, peak since the last line ${mb(peak)} MB`
    })\n`,
  );
};
